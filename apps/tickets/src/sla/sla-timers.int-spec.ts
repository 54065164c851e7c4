import {
  AcknowledgeTicketCommand,
  DeferTicketCommand,
  DispatchTicketCommand,
  EscalateTicketCommand,
  GetCalendarQuery,
  DefineCategoryCommand,
  GetTicketQuery,
  RecordRevisitCommand,
  ResolveTicketCommand,
  SetCalendarCommand,
  StartTicketCommand,
  SubmitTicketCommand,
  TicketHistoryQuery,
  TicketSlaBreachedEvent,
  TicketSlaWarnedEvent,
  TriageTicketCommand,
  type ResponseLevel,
} from '@gov/contracts-tickets';
import { anActor, aDistrictOperator, aGridWorker, bootService, refusalCode, type ServiceUnderTest } from '@gov/testing';
import { ticketsService } from '../service';
import { CLOCK, type Clock } from '../tickets/transition-ticket';
import { SlaSweeper } from './sla-sweeper';
import { WorkingCalendar } from './sla.rules';

const GRID = '/310117/310117001/310117001001/G01/';
const worker = aGridWorker(GRID);
const plumber = anActor(['PROPERTY_STAFF'], [GRID], { id: 'plumber-sla' });
const operator = aDistrictOperator('/310117/');
const HOLIDAYS = ['2026-10-01', '2026-10-02', '2026-10-05'];
const WORKING_WEEKENDS = ['2026-10-10'];

describe('tickets: SLA clocks and timers (time injected)', () => {
  let sut: ServiceUnderTest;
  let sweeper: SlaSweeper;
  let clock: Clock;
  /** Runs `fn` with the service's clock standing at `at` (time injected, no sleeping). */
  async function at<T>(instant: Date, fn: () => Promise<T>): Promise<T> {
    const real = clock.now;
    clock.now = () => instant;
    try {
      return await fn();
    } finally {
      clock.now = real;
    }
  }

  beforeAll(async () => {
    sut = await bootService(ticketsService, { env: { SLA_SWEEP_MS: '0', AUTO_CLOSE_DAYS: '7', DAILY_LIMIT_PER_REPORTER: '2' } });
    sweeper = sut.service.app.get(SlaSweeper);
    clock = sut.service.app.get<Clock>(CLOCK);
    await sut.client.request(SetCalendarCommand, { districtCode: '310117', holidays: HOLIDAYS, workingWeekends: WORKING_WEEKENDS }, { actor: operator });
  });
  afterAll(() => sut?.stop());

  async function triaged(level: ResponseLevel) {
    const t = await sut.client.request(
      SubmitTicketCommand,
      { channel: 'PHONE', reporter: { type: 'RESIDENT', personId: 'r-1', name: '张阿姨' }, location: { areaPath: GRID, freeText: '171号楼' }, title: '漏水', description: '楼道漏水' },
      { actor: worker },
    );
    await sut.client.request(AcknowledgeTicketCommand, { id: t.id }, { actor: worker });
    return sut.client.request(TriageTicketCommand, { id: t.id, responseLevel: level }, { actor: worker });
  }
  async function inProgress(level: ResponseLevel) {
    const t = await triaged(level);
    await sut.client.request(DispatchTicketCommand, { id: t.id, handler: { kind: 'PERSON', id: plumber.id } }, { actor: worker });
    return sut.client.request(StartTicketCommand, { id: t.id }, { actor: plumber });
  }

  it("keeps the district's calendar, and refuses nonsense or the wrong people", async () => {
    expect(await sut.client.request(GetCalendarQuery, { districtCode: '310117' }, { actor: worker })).toMatchObject({
      holidays: HOLIDAYS,
      workingWeekends: WORKING_WEEKENDS,
    });
    expect(await refusalCode(sut.client.request(SetCalendarCommand, { districtCode: '310117', holidays: [], workingWeekends: [] }, { actor: worker }))).toBe(
      'FORBIDDEN',
    );
    expect(
      await refusalCode(sut.client.request(SetCalendarCommand, { districtCode: '310117', holidays: [], workingWeekends: ['2026-10-09'] }, { actor: operator })),
    ).toBe('VALIDATION_FAILED');
  });

  it('sets the L2 deadline from the district calendar at triage', async () => {
    const t = await triaged('L2_ROUTINE');
    const expected = new WorkingCalendar({ holidays: HOLIDAYS, workingWeekends: WORKING_WEEKENDS }).addWorkingDays(new Date(t.reportedAt), 5);
    expect(t.sla).toEqual([{ milestone: 'COMPLETED_WITH_FEEDBACK', dueAt: expected.toISOString(), warnedAt: null, breachedAt: null, metAt: null }]);
    expect(t.overdue).toBe(false);
  });

  it('warns, then breaches, once each; the ticket shows overdue, and late once resolved', async () => {
    const t = await inProgress('L1_URGENT');
    const reported = Date.parse(t.reportedAt);
    // ON_SITE was met when the handler started; CONTROLLED (2 h) is next.
    expect(t.sla.find((c) => c.milestone === 'ON_SITE')?.metAt).not.toBeNull();
    await sweeper.sweep(new Date(reported + 95 * 60_000));
    await sut.spy.waitFor(TicketSlaWarnedEvent.subject, (e) => (e.data.ticket as { id: string }).id === t.id && e.data.milestone === 'CONTROLLED');
    const breachAt = new Date(reported + 121 * 60_000);
    await sweeper.sweep(breachAt);
    const breach = await sut.spy.waitFor(TicketSlaBreachedEvent.subject, (e) => (e.data.ticket as { id: string }).id === t.id && e.data.milestone === 'CONTROLLED');
    expect(breach.data.dueAt).toBe(new Date(reported + 120 * 60_000).toISOString());
    await sweeper.sweep(new Date(reported + 122 * 60_000));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sut.spy.of(TicketSlaBreachedEvent.subject, (e) => (e.data.ticket as { id: string }).id === t.id && e.data.milestone === 'CONTROLLED')).toHaveLength(1);
    expect((await sut.client.request(GetTicketQuery, { id: t.id }, { actor: worker })).overdue).toBe(true);
    const resolved = await at(new Date(reported + 125 * 60_000), () =>
      sut.client.request(ResolveTicketCommand, { id: t.id, summary: '已控制' }, { actor: plumber }),
    );
    expect(resolved).toMatchObject({ overdue: false, finishedLate: true });
  });

  it('reopens a deferred ticket on its date, with the deadline pushed back by the pause', async () => {
    const t = await inProgress('L2_ROUTINE');
    const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect(
      await refusalCode(sut.client.request(DeferTicketCommand, { id: t.id, until: '2099-03-01', reason: '等待' }, { actor: worker })),
    ).toBe('TICKETS.DEFER_DATE_TOO_FAR');
    await sut.client.request(DeferTicketCommand, { id: t.id, until, reason: '等待天气转好' }, { actor: worker });
    const dayBefore = new Date(Date.parse(`${until}T12:00:00+08:00`) - 86_400_000);
    await sweeper.sweep(dayBefore);
    expect((await sut.client.request(GetTicketQuery, { id: t.id }, { actor: worker })).status).toBe('DEFERRED');
    const result = await sweeper.sweep(new Date(`${until}T00:05:00+08:00`));
    expect(result.resumed).toBeGreaterThanOrEqual(1);
    const back = await sut.client.request(GetTicketQuery, { id: t.id }, { actor: worker });
    expect(back).toMatchObject({ status: 'IN_PROGRESS', deferredUntil: null });
    expect(Date.parse(back.sla[0].dueAt)).toBeGreaterThan(Date.parse(t.sla[0].dueAt) + 28 * 86_400_000);
  });

  it('closes a resolved ticket nobody rated after the configured days', async () => {
    const t = await inProgress('L2_ROUTINE');
    const resolved = await sut.client.request(ResolveTicketCommand, { id: t.id, summary: '已修复' }, { actor: plumber });
    await sweeper.sweep(new Date(Date.parse(resolved.resolvedAt!) + 6 * 86_400_000));
    expect((await sut.client.request(GetTicketQuery, { id: t.id }, { actor: worker })).status).toBe('RESOLVED');
    await sweeper.sweep(new Date(Date.parse(resolved.resolvedAt!) + 7 * 86_400_000 + 1_000));
    expect((await sut.client.request(GetTicketQuery, { id: t.id }, { actor: worker })).status).toBe('CLOSED');
    const history = await sut.client.request(TicketHistoryQuery, { id: t.id }, { actor: worker });
    expect(history.items.at(-1)).toMatchObject({ action: 'close', actorId: 'tickets-sla-sweeper' });
  });

  it('limits how many tickets a resident submits a day; staff taking demands in are not limited', async () => {
    const resident = anActor(['RESIDENT'], [GRID], { id: 'r-limit' });
    const body = {
      channel: 'GRID_QR' as const,
      reporter: { type: 'RESIDENT' as const, personId: 'r-limit' },
      location: { areaPath: GRID, freeText: '171号楼' },
      title: '噪音',
      description: '夜间施工噪音',
    };
    await sut.client.request(SubmitTicketCommand, body, { actor: resident });
    await sut.client.request(SubmitTicketCommand, body, { actor: resident });
    expect(await refusalCode(sut.client.request(SubmitTicketCommand, body, { actor: resident }))).toBe('TICKETS.DAILY_LIMIT_REACHED');
    expect((await sut.client.request(SubmitTicketCommand, body, { actor: worker })).status).toBe('SUBMITTED');
  });

  it('keeps a settled dispute open for its revisit: due a month after, breached if missed, closed once done', async () => {
    await sut.client.request(
      DefineCategoryCommand,
      { districtCode: '310117', code: 'NEIGHBOUR_DISPUTE', name: '邻里纠纷', group: '调解', defaultLevel: 'L2_ROUTINE', revisitWithinDays: 30 },
      { actor: operator },
    );
    const submitted = await sut.client.request(
      SubmitTicketCommand,
      { channel: 'WALK_IN', reporter: { type: 'RESIDENT', personId: 'r-2' }, location: { areaPath: GRID, freeText: '9号楼' }, categoryCode: 'NEIGHBOUR_DISPUTE', title: '漏水纠纷', description: '楼上漏水，邻里争执' },
      { actor: worker },
    );
    await sut.client.request(AcknowledgeTicketCommand, { id: submitted.id }, { actor: worker });
    await sut.client.request(TriageTicketCommand, { id: submitted.id, responseLevel: 'L2_ROUTINE' }, { actor: worker });
    await sut.client.request(DispatchTicketCommand, { id: submitted.id, handler: { kind: 'PERSON', id: plumber.id } }, { actor: worker });
    await sut.client.request(StartTicketCommand, { id: submitted.id }, { actor: plumber });
    const resolved = await sut.client.request(ResolveTicketCommand, { id: submitted.id, summary: '调解达成协议' }, { actor: plumber });
    const settledAt = Date.parse(resolved.resolvedAt!);
    expect(resolved.sla.find((c) => c.milestone === 'REVISIT')?.dueAt).toBe(new Date(settledAt + 30 * 86_400_000).toISOString());

    await sweeper.sweep(new Date(settledAt + 8 * 86_400_000));
    expect((await sut.client.request(GetTicketQuery, { id: submitted.id }, { actor: worker })).status).toBe('RESOLVED');
    await sweeper.sweep(new Date(settledAt + 31 * 86_400_000));
    await sut.spy.waitFor(TicketSlaBreachedEvent.subject, (e) => (e.data.ticket as { id: string }).id === submitted.id && e.data.milestone === 'REVISIT');
    await sut.client.request(RecordRevisitCommand, { id: submitted.id, outcome: 'STABLE', note: '回访：双方和睦' }, { actor: worker });
    await sweeper.sweep(new Date(settledAt + 32 * 86_400_000));
    expect((await sut.client.request(GetTicketQuery, { id: submitted.id }, { actor: worker })).status).toBe('CLOSED');
  });

  it('flags a whistle the department did not acknowledge in time', async () => {
    const t = await inProgress('L3_COMPLEX');
    const escalated = await sut.client.request(EscalateTicketCommand, { id: t.id, departmentId: 'dept-greening', reason: '树木迁移需绿化部门' }, { actor: worker });
    await sweeper.sweep(new Date(Date.parse(escalated.escalation!.acknowledgeBy) + 60_000));
    const breach = await sut.spy.waitFor(
      TicketSlaBreachedEvent.subject,
      (e) => (e.data.ticket as { id: string }).id === t.id && e.data.milestone === 'WHISTLE_ACKNOWLEDGED',
    );
    expect(breach.data.dueAt).toBe(escalated.escalation!.acknowledgeBy);
  });
});
