import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ApproveNoticeCommand,
  GetNoticeQuery,
  GetPreferencesQuery,
  ListDoorToDoorTasksQuery,
  ListInboxQuery,
  MarkReadCommand,
  NoticeApprovedEvent,
  NoticeDeliveryReportQuery,
  NoticeDispatchedEvent,
  NoticePublishedEvent,
  PublishNoticeCommand,
  RecordReceiptCommand,
  RecordVisitOutcomeCommand,
  ResendNoticeCommand,
  RetractNoticeCommand,
  SendMessageCommand,
  SetPreferencesCommand,
} from '@gov/contracts-notifications';
import { CloseAreaCommand, CreateAreaCommand, CreateOrganisationCommand, MoveAreaCommand, PostAssignedEvent, SetSecretaryCommand } from '@gov/contracts-party';
import { HouseholdCreatedEvent, type Household } from '@gov/contracts-property';
import {
  anActor,
  aDistrictOperator,
  aPartySecretary,
  anRcStaff,
  aResident,
  bootService,
  bootServiceProcess,
  publishEvent,
  refusalCode,
  refusalOf,
  type ProcessServiceUnderTest,
  type ServiceUnderTest,
} from '@gov/testing';
import { CLOCK, type Clock } from '../clock';
import { ChannelSender } from '../deliveries/channel-sender';
import { notificationsService } from '../service';
import { FanoutWorker } from './fanout';

const COMMUNITY = '/310117/310117001/310117001001/';
const G01 = `${COMMUNITY}G01/`;
const G02 = `${COMMUNITY}G02/`;
const G03 = `${COMMUNITY}G03/`;
const staff = anRcStaff(COMMUNITY);
const secretary = aPartySecretary(COMMUNITY);
const person = (id: string) => anActor(['RESIDENT'], [G01], { id });
/** Shanghai wall-clock instant on 2026-11-20. */
const local = (hhmm: string, day = 20) => new Date(`2026-11-${day}T${hhmm}:00+08:00`);

const household = (id: string, areaPath: string, buildingId: string, members: Household['members']): Household => ({
  id,
  areaPath,
  estateId: 'estate-xinkai',
  buildingId,
  stairwellId: `${buildingId}-1`,
  unitId: `${id}-unit`,
  occupancy: 'OWNER_OCCUPIED',
  members,
});

const content = { 'zh-CN': { title: '停水通知', body: '65号楼主管爆裂，今晚23:00至次日02:00抢修停水，请提前储水。' } };

describe('notifications: notices reach their audience once, by the right channel; the rest get a knock on the door', () => {
  let party: ProcessServiceUnderTest;
  let sut: ServiceUnderTest;
  let clock: Clock;
  let fanout: FanoutWorker;
  let sender: ChannelSender;
  let recordDir: string;
  let smsGateway: Server;
  let community: { id: string };
  let street: { id: string };
  let smsStatus = 200;
  const smsReceived: { to: string; body: string }[] = [];

  const publish = (request: Record<string, unknown>, actor = staff) =>
    sut.client.request(PublishNoticeCommand, { kind: 'GENERAL', content, ...request } as never, { actor });
  const inboxOf = (id: string) => sut.client.request(ListInboxQuery, {}, { actor: person(id) });
  const deliveriesOf = (noticeId: string) =>
    sut.em().execute<{ recipient_id: string; channel: string; status: string; reason: string | null; not_before: string }[]>(
      'select recipient_id, channel, status, reason, not_before from delivery where notice_id = ? order by recipient_id, channel',
      [noticeId],
    );
  async function until(check: () => Promise<boolean>) {
    for (let i = 0; i < 150; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('projection never caught up');
  }

  beforeAll(async () => {
    recordDir = await mkdtemp(path.join(tmpdir(), 'notify-record-'));
    smsGateway = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        if (smsStatus === 200) smsReceived.push(JSON.parse(body));
        res.writeHead(smsStatus).end();
      });
    });
    await new Promise<void>((resolve) => smsGateway.listen(0, '127.0.0.1', resolve));
    const port = (smsGateway.address() as { port: number }).port;

    party = await bootServiceProcess({ service: 'party', main: 'apps/party/src/main.ts', migrate: 'apps/party/src/migrate.ts' });
    sut = await bootService(notificationsService, {
      prefix: party.prefix,
      env: {
        FANOUT_MS: '0',
        CHANNEL_SEND_MS: '0',
        WEBHOOK_SEND_MS: '0',
        FANOUT_BATCH: '2',
        THROTTLE_PER_HOUR: '2',
        RECORD_DIR: recordDir,
        SMS_PROVIDER: 'http',
        SMS_HTTP_URL: `http://127.0.0.1:${port}/sms`,
        WECHAT_TEMPLATE_IDS: JSON.stringify({ NOTICE_EMERGENCY: 'tmpl-emergency-001' }),
      },
    });
    clock = sut.service.app.get<Clock>(CLOCK);
    fanout = sut.service.app.get(FanoutWorker);
    sender = sut.service.app.get(ChannelSender);

    // The party service's areas, created through it; the projection follows its events.
    const operator = aDistrictOperator('/');
    const district = await party.client.request(CreateAreaCommand, { code: '310117', name: '松江区', type: 'DISTRICT' }, { actor: operator });
    street = await party.client.request(CreateAreaCommand, { code: '310117001', name: '岳阳街道', type: 'STREET', parentId: district.id }, { actor: operator });
    community = await party.client.request(CreateAreaCommand, { code: '310117001001', name: '新凯社区', type: 'COMMUNITY', parentId: street.id }, { actor: operator });
    for (const code of ['G01', 'G02', 'G03']) {
      await party.client.request(CreateAreaCommand, { code, name: `${code}网格`, type: 'GRID', parentId: community.id }, { actor: operator });
    }
    // The estate register is the property service's, not built yet: its events are published as it will.
    const households = [
      household('hh1', G01, 'B1', [{ personId: 'p1', hasAccount: true }]),
      household('hh2', G01, 'B1', [{ personId: 'p2', phone: '13800000002', hasAccount: false }]),
      household('hh3', G01, 'B1', [{ personId: 'p3', name: '王阿婆', hasAccount: false }]),
      household('hh4', G01, 'B2', [{ personId: 'p4', phone: '13800000004', hasAccount: true }]),
      household('hh5', G02, 'B3', [{ personId: 'p5', hasAccount: true }]),
      household('hh6', G02, 'B3', [{ personId: 'p6', hasAccount: true }]),
    ];
    for (const h of households) await publishEvent(sut.nc, sut.prefix, HouseholdCreatedEvent, h);
    await publishEvent(sut.nc, sut.prefix, PostAssignedEvent, { id: 'post-b1', personId: 'leader-b1', postType: 'BUILDING_LEADER', areaPath: G01, buildingId: 'B1' });
    await until(async () => {
      const [row] = await sut.em().execute<{ areas: string; residents: string; roles: string }[]>(
        'select (select count(*) from known_area) as areas, (select count(*) from resident) as residents, (select count(*) from role_holder) as roles',
      );
      return Number(row.areas) === 6 && Number(row.residents) === 6 && Number(row.roles) === 1;
    });
  }, 120_000);
  afterAll(async () => {
    await sut?.stop();
    await party?.stop();
    smsGateway?.close();
    await rm(recordDir, { recursive: true, force: true });
  });

  it('refuses unknown or empty audiences, other locales, short public-notice periods and unentitled publishers; nothing is sent', async () => {
    const refusal = await refusalOf(publish({ audience: { areaPath: `${COMMUNITY}G99/` } }));
    expect([refusal.code, refusal.details?.field]).toEqual(['NOTIFICATIONS.UNKNOWN_AUDIENCE', 'audience.areaPath']);
    const building = await refusalOf(publish({ audience: { areaPath: G01, buildingIds: ['B1', 'B9'] } }));
    expect([building.code, building.details?.field, building.details?.unknown]).toEqual(['NOTIFICATIONS.UNKNOWN_AUDIENCE', 'audience.buildingIds', ['B9']]);
    expect(await refusalCode(publish({ audience: { areaPath: G03 } }))).toBe('NOTIFICATIONS.AUDIENCE_EMPTY');
    expect(await refusalCode(publish({ audience: { areaPath: G01, roles: ['GRID_LEADER'] } }))).toBe('NOTIFICATIONS.AUDIENCE_EMPTY');
    const locale = await refusalOf(publish({ audience: { areaPath: G01 }, content: { ...content, ko: { title: '단수', body: '단수 안내' } } }));
    expect([locale.code, locale.issues?.[0]?.path]).toEqual(['VALIDATION_FAILED', 'content']);
    const prefs = await refusalOf(sut.client.request(SetPreferencesCommand, { locale: 'fr' } as never, { actor: person('p1') }));
    expect([prefs.code, prefs.issues?.[0]?.path]).toEqual(['VALIDATION_FAILED', 'locale']);
    const short = await refusalOf(
      publish({ kind: 'VILLAGE_AFFAIRS', audience: { areaPath: G01 }, validUntil: new Date(Date.now() + 20 * 86_400_000).toISOString() }, secretary),
    );
    expect([short.code, short.details?.minDays]).toEqual(['NOTIFICATIONS.PUBLICATION_TOO_SHORT', 30]);
    expect(await refusalCode(publish({ audience: { areaPath: G01 } }, aResident(G01)))).toBe('FORBIDDEN');
    expect(await refusalCode(publish({ audience: { areaPath: G01 } }, anRcStaff(`${COMMUNITY}G02/`)))).toBe('FORBIDDEN');
    const [counts] = await sut.em().execute<{ notices: string; deliveries: string }[]>(
      'select (select count(*) from notice) as notices, (select count(*) from delivery) as deliveries',
    );
    expect(counts).toEqual({ notices: '0', deliveries: '0' });
  });

  it('fans a notice out once per person; households with no digital channel become a visit list for their building leader', async () => {
    clock.now = () => local('10:00');
    const notice = await publish({ audience: { areaPath: G01, buildingIds: ['B1'] }, idempotencyKey: 'notice-b1-0001' });
    expect(notice).toMatchObject({ status: 'SCHEDULED', channels: ['IN_APP', 'WECHAT'], minPublicationDays: 0 });
    expect((await publish({ audience: { areaPath: G01, buildingIds: ['B1'] }, idempotencyKey: 'notice-b1-0001' })).id).toBe(notice.id);
    expect(await fanout.drain(local('10:00'))).toBe(2); // three people, two to a batch
    expect(await fanout.drain(local('10:01'))).toBe(0);
    const inbox = await inboxOf('p1');
    expect(inbox.items.filter((m) => m.noticeId === notice.id)).toMatchObject([{ type: 'NOTICE_PUBLISHED', locale: 'zh-CN', title: '【通知】停水通知' }]);
    expect((await inboxOf('p2')).items).toEqual([]);
    expect((await deliveriesOf(notice.id)).map((d) => [d.recipient_id, d.channel, d.status, d.reason])).toEqual([
      ['p1', 'IN_APP', 'DELIVERED', null],
      ['p1', 'WECHAT', 'SUPPRESSED', 'NO_CONTACT'],
      ['p2', 'IN_APP', 'SUPPRESSED', 'NO_CONTACT'],
      ['p2', 'WECHAT', 'SUPPRESSED', 'NO_CONTACT'],
      ['p3', 'IN_APP', 'SUPPRESSED', 'NO_CONTACT'],
      ['p3', 'WECHAT', 'SUPPRESSED', 'NO_CONTACT'],
    ]);
    const dispatched = await sut.client.request(GetNoticeQuery, { id: notice.id }, { actor: staff });
    expect(dispatched).toMatchObject({ status: 'DISPATCHED', recipients: 1, doorToDoorHouseholds: 2 });
    const published = await sut.spy.waitFor(NoticePublishedEvent.subject, (e) => e.data.id === notice.id);
    expect(published.data).toMatchObject({ status: 'SCHEDULED', publishedBy: staff.id });
    const finished = await sut.spy.waitFor(NoticeDispatchedEvent.subject, (e) => e.data.id === notice.id);
    expect(finished.data).toMatchObject({ status: 'DISPATCHED', recipients: 1, doorToDoorHouseholds: 2 });
    expect(sut.spy.of(NoticePublishedEvent.subject, (e) => e.data.id === notice.id)).toHaveLength(1); // the repeat with the same key published nothing

    const leader = anActor(['BUILDING_LEADER'], [G01], { id: 'leader-b1' });
    const [task] = (await sut.client.request(ListDoorToDoorTasksQuery, {}, { actor: leader })).items;
    expect(task).toMatchObject({ noticeId: notice.id, buildingId: 'B1', assignees: ['leader-b1'], status: 'ASSIGNED' });
    expect(task.households.map((h) => h.householdId)).toEqual(['hh2', 'hh3']);
    expect(await refusalCode(sut.client.request(RecordVisitOutcomeCommand, { taskId: task.id, householdId: 'hh2', result: 'DONE' }, { actor: person('p1') }))).toBe(
      'FORBIDDEN',
    );
    expect(await refusalCode(sut.client.request(RecordVisitOutcomeCommand, { taskId: task.id, householdId: 'hh1', result: 'DONE' }, { actor: leader }))).toBe(
      'NOTIFICATIONS.HOUSEHOLD_NOT_IN_TASK',
    );
    await sut.client.request(RecordVisitOutcomeCommand, { taskId: task.id, householdId: 'hh2', result: 'DONE' }, { actor: leader });
    const notHome = await sut.client.request(RecordVisitOutcomeCommand, { taskId: task.id, householdId: 'hh3', result: 'NOT_HOME' }, { actor: leader });
    expect(notHome.status).toBe('IN_PROGRESS');
    const done = await sut.client.request(RecordVisitOutcomeCommand, { taskId: task.id, householdId: 'hh3', result: 'DONE' }, { actor: leader });
    expect(done).toMatchObject({ status: 'COMPLETED', households: [{ result: 'DONE', attempts: 1 }, { result: 'DONE', attempts: 2, by: 'leader-b1' }] });

    await sut.client.request(MarkReadCommand, { ids: inbox.items.map((m) => m.id) }, { actor: person('p1') });
    const report = await sut.client.request(NoticeDeliveryReportQuery, { id: notice.id }, { actor: staff });
    expect(report.channels.find((c) => c.channel === 'IN_APP')?.counts).toMatchObject({ READ: 1, SUPPRESSED: 2, DELIVERED: 0 });
    expect(report.doorToDoor).toEqual({ tasks: 1, households: 2, done: 2, notHome: 0, refused: 0, moved: 0, pending: 0 });
    expect(await refusalCode(sut.client.request(NoticeDeliveryReportQuery, { id: notice.id }, { actor: anRcStaff(`${COMMUNITY}G02/`) }))).toBe('FORBIDDEN');
  });

  it('honours preferences and quiet hours; an emergency goes out at night at once', async () => {
    const p4 = person('p4');
    await sut.client.request(
      SetPreferencesCommand,
      {
        locale: 'en',
        quietHours: { start: '22:00', end: '07:00' },
        channels: [
          { type: 'NOTICE_PUBLISHED', channel: 'SMS', enabled: true },
          { type: 'NOTICE_PUBLISHED', channel: 'WECHAT', enabled: false },
        ],
        contacts: { wechatOpenId: 'wx-open-p4' },
      },
      { actor: p4 },
    );
    expect(await sut.client.request(GetPreferencesQuery, {}, { actor: p4 })).toMatchObject({ locale: 'en', quietHours: { start: '22:00', end: '07:00' } });

    clock.now = () => local('23:00');
    const routine = await publish({ audience: { areaPath: G01, buildingIds: ['B2'] }, content: { ...content, en: { title: 'Water cut', body: 'Repairs tonight.' } } });
    await fanout.drain(local('23:00'));
    expect((await deliveriesOf(routine.id)).map((d) => [d.channel, d.status, d.reason, new Date(d.not_before).toISOString()])).toEqual([
      ['IN_APP', 'DELIVERED', null, local('23:00').toISOString()],
      ['SMS', 'QUEUED', 'QUIET_HOURS', local('07:00', 21).toISOString()],
      ['WECHAT', 'SUPPRESSED', 'OPTED_OUT', local('23:00').toISOString()],
    ]);
    expect((await inboxOf('p4')).items[0]).toMatchObject({ locale: 'en', title: '[Notice] Water cut' });
    expect((await sender.send(local('23:30'))).sent).toBe(0);
    expect(await sender.send(local('07:01', 21))).toMatchObject({ sent: 1 });
    expect(smsReceived.map((m) => [m.to, m.body])).toEqual([['13800000004', '[Notice] Water cut']]);
    // The SMS platform's receipt: SENT → DELIVERED, once; only the providers' relay (a system identity) may say so.
    const [sms] = await sut.em().execute<{ id: string }[]>(`select id from delivery where notice_id = ? and channel = 'SMS'`, [routine.id]);
    const relay = anActor([], [], { kind: 'system', id: 'sms-relay' });
    expect(await refusalCode(sut.client.request(RecordReceiptCommand, { deliveryId: sms.id, status: 'DELIVERED' }, { actor: p4 }))).toBe('FORBIDDEN');
    expect(await sut.client.request(RecordReceiptCommand, { deliveryId: sms.id, status: 'DELIVERED' }, { actor: relay })).toEqual({ deliveryId: sms.id, status: 'DELIVERED' });
    expect(await refusalCode(sut.client.request(RecordReceiptCommand, { deliveryId: sms.id, status: 'FAILED' }, { actor: relay }))).toBe(
      'NOTIFICATIONS.RECEIPT_NOT_APPLICABLE',
    );
    const report = await sut.client.request(NoticeDeliveryReportQuery, { id: routine.id }, { actor: staff });
    expect(report.channels.find((c) => c.channel === 'SMS')?.counts).toMatchObject({ DELIVERED: 1, QUEUED: 0, SENT: 0 });

    const emergency = await publish({ priority: 'EMERGENCY', kind: 'OUTAGE', audience: { areaPath: G01, buildingIds: ['B2'] } });
    await fanout.drain(local('23:05'));
    expect((await deliveriesOf(emergency.id)).map((d) => [d.channel, d.status, d.reason])).toEqual([
      ['IN_APP', 'DELIVERED', null],
      ['SMS', 'QUEUED', null],
      ['WECHAT', 'QUEUED', null],
    ]);
    expect(await sender.send(local('23:06'))).toMatchObject({ sent: 2 });
    expect(smsReceived.at(-1)).toMatchObject({ to: '13800000004', body: '[Urgent] 停水通知: 65号楼主管爆裂，今晚23:00至次日02:00抢修停水，请提前储水。' });
    const wechat = (await readFile(path.join(recordDir, 'wechat.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(wechat).toMatchObject([
      { channel: 'WECHAT', to: 'wx-open-p4', title: '[Urgent] 停水通知', templateId: 'tmpl-emergency-001', data: { title: '停水通知', body: content['zh-CN'].body } },
    ]);
  });

  it('throttles a person per type and hour (not emergencies); resend queues what failed or was held back', async () => {
    const audience = { areaPath: G02 };
    const ids: string[] = [];
    for (const minute of ['09:00', '09:01', '09:02']) {
      clock.now = () => local(minute);
      const notice = await publish({ audience, channels: ['IN_APP', 'SMS'] });
      await fanout.drain(local(minute));
      ids.push(notice.id);
    }
    const third = await deliveriesOf(ids[2]);
    expect(third.filter((d) => d.channel === 'IN_APP').map((d) => [d.recipient_id, d.status])).toEqual([
      ['p5', 'THROTTLED'],
      ['p6', 'THROTTLED'],
    ]);
    expect((await inboxOf('p5')).items).toHaveLength(2);
    // A household reached by nothing is visited instead.
    expect((await sut.client.request(GetNoticeQuery, { id: ids[2] }, { actor: staff })).doorToDoorHouseholds).toBe(2);
    const resent = await sut.client.request(ResendNoticeCommand, { id: ids[2], statuses: ['THROTTLED'] }, { actor: staff });
    expect(resent.requeued).toBe(2);
    expect((await inboxOf('p5')).items).toHaveLength(3);
    expect((await deliveriesOf(ids[2])).filter((d) => d.channel === 'IN_APP').map((d) => d.status)).toEqual(['DELIVERED', 'DELIVERED']);

    // An SMS gateway that refuses: retried at 1 and 5 minutes, then FAILED; resend queues it again.
    await sut.client.request(SetPreferencesCommand, { contacts: { phone: '13800000005' } }, { actor: anActor(['RESIDENT'], [G02], { id: 'p5' }) });
    clock.now = () => local('11:00');
    const emergency = await publish({ priority: 'EMERGENCY', audience, channels: ['SMS'] });
    await fanout.drain(local('11:00'));
    smsStatus = 500;
    expect(await sender.send(local('11:00'))).toMatchObject({ retrying: 1 });
    expect(await sender.send(local('11:01'))).toMatchObject({ retrying: 1 });
    expect(await sender.send(local('11:06'))).toMatchObject({ failed: 1 });
    expect((await deliveriesOf(emergency.id)).map((d) => [d.recipient_id, d.status])).toEqual([
      ['p5', 'FAILED'],
      ['p6', 'SUPPRESSED'],
    ]);
    smsStatus = 200;
    clock.now = () => local('11:10');
    expect((await sut.client.request(ResendNoticeCommand, { id: emergency.id }, { actor: staff })).requeued).toBe(1);
    expect(await sender.send(local('11:10'))).toMatchObject({ sent: 1 });
    expect((await deliveriesOf(emergency.id))[0].status).toBe('SENT');
  });

  it('resolves role audiences from posts, and sends nothing twice when drained again', async () => {
    clock.now = () => local('15:00');
    const notice = await publish({ audience: { areaPath: COMMUNITY, roles: ['BUILDING_LEADER'] } });
    await fanout.drain(local('15:00'));
    await fanout.drain(local('15:00'));
    const leaderInbox = await sut.client.request(ListInboxQuery, {}, { actor: anActor(['BUILDING_LEADER'], [G01], { id: 'leader-b1' }) });
    expect(leaderInbox.items.filter((m) => m.noticeId === notice.id)).toHaveLength(1);
    expect((await sut.client.request(GetNoticeQuery, { id: notice.id }, { actor: staff })).doorToDoorHouseholds).toBe(0);
    expect(await refusalCode(sut.client.request(GetNoticeQuery, { id: notice.id }, { actor: aDistrictOperator('/310118/') }))).toBe('FORBIDDEN');
  });

  it('sends a catalogue message to named people; a missing variable sends nothing', async () => {
    const before = (await inboxOf('p1')).items.length;
    const missing = await refusalOf(
      sut.client.request(SendMessageCommand, { type: 'MEETING_CONVENED', recipients: ['p1', 'p5'], data: { meeting: '联席会议', time: '11月25日14:00' } }, { actor: staff }),
    );
    expect([missing.code, missing.details?.missing]).toEqual(['NOTIFICATIONS.TEMPLATE_VARIABLE_MISSING', ['place']]);
    expect((await inboxOf('p1')).items).toHaveLength(before);
    expect(
      await refusalCode(sut.client.request(SendMessageCommand, { type: 'MEETING_CONVENED', recipients: ['p1'], data: { meeting: 'x', time: 'y', place: 'z' } }, { actor: person('p2') })),
    ).toBe('FORBIDDEN');
    const outsider = await refusalOf(
      sut.client.request(SendMessageCommand, { type: 'MEETING_CONVENED', recipients: ['p1', 'p5', 'stranger'], data: { meeting: 'x', time: 'y', place: 'z' } }, { actor: anRcStaff(G01) }),
    );
    expect([outsider.code, outsider.details?.outside]).toEqual(['FORBIDDEN', ['p5', 'stranger']]);
    clock.now = () => new Date();
    const request = { type: 'MEETING_CONVENED' as const, recipients: ['p1', 'p1'], data: { meeting: '联席会议', time: '11月25日14:00', place: '社区党群服务站' }, idempotencyKey: 'meeting-0001' };
    expect(await sut.client.request(SendMessageCommand, request, { actor: staff })).toEqual({ deliveries: 2 }); // in-app and WeChat (no open id)
    await sut.client.request(SendMessageCommand, request, { actor: staff });
    const meetings = (await inboxOf('p1')).items.filter((m) => m.type === 'MEETING_CONVENED');
    expect(meetings.map((m) => m.body)).toEqual(['兹定于11月25日14:00在社区党群服务站召开联席会议，请准时参加。']);
  });

  it('follows the party service: a new secretary hears of it and is reached by role', async () => {
    const organisation = await party.client.request(
      CreateOrganisationCommand,
      { name: '新凯社区党委', type: 'COMMUNITY_COMMITTEE', areaId: community.id } as never,
      { actor: aDistrictOperator('/') },
    );
    await party.client.request(SetSecretaryCommand, { id: organisation.id, secretary: { name: '沈栋', personId: 'shen-dong' } }, { actor: aDistrictOperator('/') });
    const shen = anActor(['PARTY_SECRETARY'], [COMMUNITY], { id: 'shen-dong' });
    let inbox = await sut.client.request(ListInboxQuery, {}, { actor: shen });
    for (let i = 0; i < 100 && inbox.items.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      inbox = await sut.client.request(ListInboxQuery, {}, { actor: shen });
    }
    expect(inbox.items).toMatchObject([{ type: 'PARTY_SECRETARY_APPOINTED', body: '您已任新凯社区党委书记。' }]);
    clock.now = () => local('16:00');
    const notice = await publish({ audience: { areaPath: COMMUNITY, roles: ['PARTY_SECRETARY'] } });
    await fanout.drain(local('16:00'));
    expect((await deliveriesOf(notice.id)).map((d) => [d.recipient_id, d.channel, d.status])).toEqual([
      ['shen-dong', 'IN_APP', 'DELIVERED'],
      ['shen-dong', 'WECHAT', 'SUPPRESSED'],
    ]);
  });

  it('waits for a scheduled notice’s time', async () => {
    clock.now = () => local('08:00', 24);
    const notice = await publish({ audience: { areaPath: G01, buildingIds: ['B2'] }, scheduledAt: local('18:00', 24).toISOString() });
    expect(notice.scheduledAt).toBe(local('18:00', 24).toISOString());
    expect(await fanout.drain(local('17:59', 24))).toBe(0);
    expect((await deliveriesOf(notice.id))).toEqual([]);
    expect(await fanout.drain(local('18:00', 24))).toBe(1);
    expect((await sut.client.request(GetNoticeQuery, { id: notice.id }, { actor: staff })).status).toBe('DISPATCHED');
  });

  it('holds an election notice for the party secretary’s approval; a notice can be withdrawn until it goes out', async () => {
    clock.now = () => local('09:00', 26);
    const election = await publish({ kind: 'ELECTION', audience: { areaPath: G01, buildingIds: ['B2'] }, validUntil: '2026-12-10T09:00:00+08:00' });
    expect(election).toMatchObject({ status: 'PENDING_APPROVAL', approval: null, minPublicationDays: 7 });
    expect(await fanout.drain(local('09:30', 26))).toBe(0);
    expect(await refusalCode(sut.client.request(ApproveNoticeCommand, { id: election.id }, { actor: staff }))).toBe('FORBIDDEN');
    clock.now = () => local('10:00', 26);
    const approved = await sut.client.request(ApproveNoticeCommand, { id: election.id }, { actor: secretary });
    expect(approved).toMatchObject({ status: 'SCHEDULED', approval: { by: secretary.id }, scheduledAt: local('10:00', 26).toISOString() });
    expect(await refusalCode(sut.client.request(ApproveNoticeCommand, { id: election.id }, { actor: secretary }))).toBe('NOTIFICATIONS.NOTICE_NOT_PENDING');
    await sut.spy.waitFor(NoticeApprovedEvent.subject, (e) => e.data.id === election.id);
    expect(await fanout.drain(local('10:00', 26))).toBe(1);
    expect(await refusalCode(sut.client.request(RetractNoticeCommand, { id: election.id, reason: '发错了' }, { actor: staff }))).toBe(
      'NOTIFICATIONS.NOTICE_ALREADY_SENT',
    );
    // An emergency never waits, whatever its kind; the party secretary's own notice is approved by publishing it.
    expect((await publish({ kind: 'FEE_RULE', priority: 'EMERGENCY', audience: { areaPath: G01 }, validUntil: '2026-12-10T09:00:00+08:00' })).status).toBe(
      'SCHEDULED',
    );
    expect((await publish({ kind: 'CONVENTION', audience: { areaPath: G01 }, validUntil: '2026-12-10T09:00:00+08:00' }, secretary)).approval?.by).toBe(
      secretary.id,
    );

    const later = await publish({ audience: { areaPath: G01, buildingIds: ['B2'] }, scheduledAt: local('18:00', 26).toISOString() });
    expect(await refusalCode(sut.client.request(RetractNoticeCommand, { id: later.id, reason: '发错了' }, { actor: anRcStaff(`${COMMUNITY}G02/`) }))).toBe('FORBIDDEN');
    const withdrawn = await sut.client.request(RetractNoticeCommand, { id: later.id, reason: '时间有误，另行通知' }, { actor: staff });
    expect(withdrawn).toMatchObject({ status: 'RETRACTED', retraction: { by: staff.id, reason: '时间有误，另行通知' } });
    await fanout.drain(local('18:00', 26));
    expect(await deliveriesOf(later.id)).toEqual([]);
  });

  it('follows the party service’s areas as they move and close', async () => {
    const operator = aDistrictOperator('/');
    const lantian = await party.client.request(CreateAreaCommand, { code: '310117001002', name: '蓝天社区', type: 'COMMUNITY', parentId: street.id }, { actor: operator });
    const grid = await party.client.request(CreateAreaCommand, { code: 'G09', name: 'G09网格', type: 'GRID', parentId: community.id }, { actor: operator });
    await publishEvent(sut.nc, sut.prefix, HouseholdCreatedEvent, household('hh9', grid.path, 'B9', [{ personId: 'p9', hasAccount: true }]));
    await until(async () => (await sut.em().execute(`select 1 from resident where household_id = 'hh9'`)).length === 1);
    const moved = await party.client.request(MoveAreaCommand, { id: grid.id, parentId: lantian.id }, { actor: operator });
    expect(moved.path).toBe('/310117/310117001/310117001002/G09/');
    await until(async () => (await sut.em().execute(`select 1 from resident where area_path = ?`, [moved.path])).length === 1);
    const everyone = aDistrictOperator('/310117/');
    expect(await refusalCode(publish({ audience: { areaPath: grid.path } }, everyone))).toBe('NOTIFICATIONS.UNKNOWN_AUDIENCE');
    expect((await publish({ audience: { areaPath: moved.path, buildingIds: ['B9'] } }, everyone)).status).toBe('SCHEDULED');
    await party.client.request(CloseAreaCommand, { id: grid.id, reason: '多格合一' }, { actor: operator });
    await until(async () => (await sut.em().execute(`select 1 from known_area where id = ? and closed`, [grid.id])).length === 1);
    expect(await refusalCode(publish({ audience: { areaPath: moved.path } }, everyone))).toBe('NOTIFICATIONS.UNKNOWN_AUDIENCE');
  });
});
