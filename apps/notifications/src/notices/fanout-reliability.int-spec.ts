import { GetNoticeQuery, PublishNoticeCommand } from '@gov/contracts-notifications';
import { AreaCreatedEvent } from '@gov/contracts-party';
import { anRcStaff, bootServiceProcess, publishEvent, type ProcessServiceUnderTest } from '@gov/testing';
import pg from 'pg';

const COMMUNITY = '/310117/310117001/310117001001/';
const RECIPIENTS = 30_000;

/**
 * Kills the notifications service (SIGKILL: no graceful shutdown) in the middle of fanning a notice out,
 * starts it again, and checks that every recipient ends with exactly one message.
 */
describe('notifications: a fan-out survives the service being killed half-way', () => {
  let service: ProcessServiceUnderTest;
  let db: pg.Client;

  const count = async (sql: string, params: unknown[] = []) => Number((await db.query<{ n: string }>(sql, params)).rows[0].n);

  beforeAll(async () => {
    service = await bootServiceProcess({
      service: 'notifications',
      main: 'apps/notifications/src/main.ts',
      migrate: 'apps/notifications/src/migrate.ts',
      env: { FANOUT_BATCH: '250', FANOUT_MS: '200', CHANNEL_SEND_MS: '0', WEBHOOK_SEND_MS: '0' },
    });
    db = new pg.Client({ connectionString: service.databaseUrl });
    await db.connect();
    await publishEvent(service.nc, service.prefix, AreaCreatedEvent, {
      id: '00000000-0000-4000-8000-000000000001',
      code: '310117001001',
      name: '新凯社区',
      type: 'COMMUNITY',
      parentId: null,
      path: COMMUNITY,
      depth: 2,
      status: 'ACTIVE',
      version: 1,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      closedAt: null,
    });
    // The estate register's projection, at Xinkai's scale (seeded directly: the fan-out is what is under test).
    await db.query(
      `insert into resident (household_id, person_id, name, phone, has_account, area_path, estate_id, building_id, stairwell_id, unit_id)
       select 'hh-' || i, 'person-' || lpad(i::text, 6, '0'), null, null, true, $1 || 'G' || (i % 40) || '/', 'estate-1', 'B' || (i % 300), null, null
         from generate_series(1, $2::int) as i`,
      [COMMUNITY, RECIPIENTS],
    );
    for (let i = 0; i < 100 && (await count('select count(*) as n from known_area')) === 0; i++) await new Promise((r) => setTimeout(r, 100));
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await service?.stop();
  });

  it('ends with exactly one message per recipient', async () => {
    const staff = anRcStaff(COMMUNITY);
    const notice = await service.client.request(
      PublishNoticeCommand,
      { kind: 'OUTAGE', priority: 'IMPORTANT', audience: { areaPath: COMMUNITY }, channels: ['IN_APP'], content: { 'zh-CN': { title: '停水通知', body: '明日9:00至12:00停水' } } },
      { actor: staff },
    );
    const inboxOfNotice = () => count('select count(*) as n from inbox_message where notice_id = $1', [notice.id]);
    for (let i = 0; i < 2_000 && (await inboxOfNotice()) === 0; i++) await new Promise((r) => setTimeout(r, 5));
    await service.kill();
    const atKill = await inboxOfNotice();
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(RECIPIENTS); // killed half-way, not after the end

    await service.restart();
    for (let i = 0; i < 600; i++) {
      const current = await service.client.request(GetNoticeQuery, { id: notice.id }, { actor: staff });
      if (current.status === 'DISPATCHED') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const final = await service.client.request(GetNoticeQuery, { id: notice.id }, { actor: staff });
    expect(final).toMatchObject({ status: 'DISPATCHED', recipients: RECIPIENTS, doorToDoorHouseholds: 0 });
    expect(await inboxOfNotice()).toBe(RECIPIENTS);
    expect(await count('select count(distinct recipient_id) as n from inbox_message where notice_id = $1', [notice.id])).toBe(RECIPIENTS);
    expect(await count('select count(*) as n from delivery where notice_id = $1', [notice.id])).toBe(RECIPIENTS);
  }, 120_000);
});
