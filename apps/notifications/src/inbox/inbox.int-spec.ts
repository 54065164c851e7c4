import { FollowUnitCommand, ListInboxQuery, MarkReadCommand } from '@gov/contracts-notifications';
import {
  AcknowledgeTicketCommand,
  CareVisitOverdueEvent,
  DispatchTicketCommand,
  EscalateTicketCommand,
  GetTicketQuery,
  SubmitTicketCommand,
  TicketAcknowledgedEvent,
  TicketSlaWarnedEvent,
  TriageTicketCommand,
} from '@gov/contracts-tickets';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { anActor, aGridWorker, bootService, bootServiceProcess, publishEvent, refusalCode, type ProcessServiceUnderTest, type ServiceUnderTest } from '@gov/testing';
import { notificationsService } from '../service';

const GRID = '/310117/310117001/310117001001/G01/';
const worker = aGridWorker(GRID);
const resident = anActor(['RESIDENT'], [GRID], { id: 'resident-inbox' });
const plumber = anActor(['PROPERTY_STAFF'], [GRID], { id: 'plumber-inbox' });

describe('notifications: ticket events reach the right inbox, once, in zh-CN', () => {
  let tickets: ProcessServiceUnderTest;
  let notifications: ServiceUnderTest;

  beforeAll(async () => {
    // The tickets service runs as its own process, as deployed (and an app never imports another).
    tickets = await bootServiceProcess({ service: 'tickets', main: 'apps/tickets/src/main.ts', migrate: 'apps/tickets/src/migrate.ts' });
    notifications = await bootService(notificationsService, { prefix: tickets.prefix });
  });
  afterAll(async () => {
    await notifications?.stop();
    await tickets?.stop();
  });

  const inboxOf = (actor: typeof resident) => notifications.client.request(ListInboxQuery, {}, { actor });
  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    for (let i = 0; i < 100; i++) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return read();
  }
  const submit = (anonymous = false) =>
    tickets.client.request(
      SubmitTicketCommand,
      {
        channel: 'GRID_QR',
        reporter: anonymous ? { type: 'ANONYMOUS' } : { type: 'RESIDENT', personId: resident.id },
        location: { areaPath: GRID, freeText: '171号楼' },
        title: '楼道漏水',
        description: '二单元漏水',
      },
      { actor: anonymous ? worker : resident },
    );

  it('tells the reporter their demand was received, and the handler it was dispatched to them', async () => {
    const t = await submit();
    await tickets.client.request(AcknowledgeTicketCommand, { id: t.id }, { actor: worker });
    const inbox = await eventually(() => inboxOf(resident), (page) => page.items.length > 0);
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({
      type: 'TICKET_ACKNOWLEDGED',
      locale: 'zh-CN',
      title: '您的诉求已受理',
      body: '您反映的“楼道漏水”已受理，我们会按时限办理并告知进展。',
      ticketId: t.id,
      readAt: null,
    });
    expect(inbox.unread).toBe(1);

    await tickets.client.request(TriageTicketCommand, { id: t.id, responseLevel: 'L2_ROUTINE' }, { actor: worker });
    await tickets.client.request(DispatchTicketCommand, { id: t.id, handler: { kind: 'PERSON', id: plumber.id } }, { actor: worker });
    const plumberInbox = await eventually(() => inboxOf(plumber), (page) => page.items.length > 0);
    expect(plumberInbox.items.map((m) => [m.type, m.body])).toEqual([['TICKET_DISPATCHED_TO_YOU', '工单“楼道漏水”（171号楼）已派给您，请及时接单处理。']]);
  });

  it('sends nothing more when the same event is delivered again', async () => {
    const before = (await inboxOf(resident)).items.length;
    const t = await submit();
    await tickets.client.request(AcknowledgeTicketCommand, { id: t.id }, { actor: worker });
    await eventually(() => inboxOf(resident), (page) => page.items.length === before + 1);
    const original = await tickets.spy.waitFor(TicketAcknowledgedEvent.subject, (e) => e.data.id === t.id);
    const runner = notifications.service.consumers.find((c) => c.durable === 'notifications-tickets-ticket-acknowledged-v1')!;
    const duplicates = runner.duplicates;
    const h = natsHeaders();
    for (const [name, value] of Object.entries(original.headers)) h.set(name, value);
    await jetstream(tickets.nc).publish(`${tickets.prefix}${TicketAcknowledgedEvent.subject}`, JSON.stringify(original.data), { headers: h, msgID: `again-${t.id}` });
    await eventually(async () => runner.duplicates, (n) => n > duplicates);
    expect(runner.duplicates).toBe(duplicates + 1);
    expect((await inboxOf(resident)).items).toHaveLength(before + 1);
  });

  it('sends an anonymous reporter nothing', async () => {
    const before = (await inboxOf(resident)).items.length;
    const t = await submit(true);
    await tickets.client.request(AcknowledgeTicketCommand, { id: t.id }, { actor: worker });
    await tickets.spy.waitFor(TicketAcknowledgedEvent.subject, (e) => e.data.id === t.id);
    const runner = notifications.service.consumers.find((c) => c.durable === 'notifications-tickets-ticket-acknowledged-v1')!;
    const handled = runner.handled;
    await eventually(async () => runner.handled, (n) => n > handled);
    expect((await inboxOf(resident)).items).toHaveLength(before);
  });

  it('marks one’s own messages read, and nobody else’s', async () => {
    const mine = await inboxOf(resident);
    const stranger = anActor(['RESIDENT'], [GRID], { id: 'stranger' });
    expect(await notifications.client.request(MarkReadCommand, { ids: [mine.items[0].id] }, { actor: stranger })).toEqual({ marked: 0, unread: 0 });
    const result = await notifications.client.request(MarkReadCommand, { ids: mine.items.map((m) => m.id) }, { actor: resident });
    expect(result).toEqual({ marked: mine.unread, unread: 0 });
    expect((await notifications.client.request(ListInboxQuery, { unreadOnly: true }, { actor: resident })).items).toEqual([]);
  });

  it('warns the owner and the handler of a ticket about to run late, and a care visitor of an overdue visit', async () => {
    const t = await submit();
    await tickets.client.request(AcknowledgeTicketCommand, { id: t.id }, { actor: worker });
    await tickets.client.request(TriageTicketCommand, { id: t.id, responseLevel: 'L2_ROUTINE' }, { actor: worker });
    await tickets.client.request(DispatchTicketCommand, { id: t.id, handler: { kind: 'PERSON', id: plumber.id } }, { actor: worker });
    // The tickets service's sweeper emits these on its own clock; here the facts are published as it would.
    const ticket = await tickets.client.request(GetTicketQuery, { id: t.id }, { actor: worker });
    await publishEvent(tickets.nc, tickets.prefix, TicketSlaWarnedEvent, { ticket, milestone: 'COMPLETED_WITH_FEEDBACK', dueAt: '2026-11-27T09:30:00.000Z' });
    const warned = (page: Awaited<ReturnType<typeof inboxOf>>) => page.items.filter((m) => m.type === 'TICKET_SLA_WARNING');
    const ownerInbox = await eventually(() => inboxOf(worker), (page) => warned(page).length > 0);
    expect(warned(ownerInbox).map((m) => m.body)).toEqual(['工单“楼道漏水”的办结反馈时限为2026-11-27 17:30，请抓紧办理。']);
    expect(warned(await eventually(() => inboxOf(plumber), (page) => warned(page).length > 0))).toHaveLength(1);

    const volunteer = anActor(['RESIDENT'], [GRID], { id: 'volunteer-care' });
    await publishEvent(tickets.nc, tickets.prefix, CareVisitOverdueEvent, {
      profileId: '00000000-0000-4000-8000-00000000c0de' as never,
      areaPath: GRID,
      stream: 'VOLUNTEER_WEEKLY',
      dueAt: '2026-11-20T02:00:00.000Z',
      visitors: [volunteer.id],
    });
    const care = await eventually(() => inboxOf(volunteer), (page) => page.items.length > 0);
    expect(care.items.map((m) => [m.type, m.body])).toEqual([['CARE_VISIT_OVERDUE', '您负责的一户关爱对象（志愿者每周探访）应于2026-11-20 10:00前走访，请尽快上门。']]);
  });

  it('tells the officers following a department that a whistle was blown to it', async () => {
    const officer = anActor(['DEPARTMENT_OFFICER'], [], { id: 'officer-housing', unitId: 'dept-housing' });
    expect(await notifications.client.request(FollowUnitCommand, {}, { actor: officer })).toEqual({ unitId: 'dept-housing', following: true });
    expect(await refusalCode(notifications.client.request(FollowUnitCommand, {}, { actor: resident }))).toBe('FORBIDDEN');
    const t = await submit();
    await tickets.client.request(AcknowledgeTicketCommand, { id: t.id }, { actor: worker });
    await tickets.client.request(TriageTicketCommand, { id: t.id, responseLevel: 'L2_ROUTINE' }, { actor: worker });
    await tickets.client.request(EscalateTicketCommand, { id: t.id, departmentId: 'dept-housing', reason: '违章搭建需住建部门处理' }, { actor: worker });
    const inbox = await eventually(() => inboxOf(officer), (page) => page.items.length > 0);
    expect(inbox.items.map((m) => [m.type, m.title, m.ticketId])).toEqual([['TICKET_ESCALATED_TO_YOUR_DEPARTMENT', '吹哨报到：请及时响应', t.id]]);
    expect(inbox.items[0].body).toMatch(/^社区就“楼道漏水”（171号楼）向贵部门吹哨，请于\d{4}-\d{2}-\d{2} \d{2}:\d{2}前报到响应。$/);
  });
});
