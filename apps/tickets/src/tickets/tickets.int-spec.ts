import type { Actor } from '@gov/contracts-core';
import {
  AcknowledgeEscalationCommand,
  AcknowledgeTicketCommand,
  AddNoteCommand,
  AgreePlanCommand,
  CloseTicketCommand,
  DefineCategoryCommand,
  DeferTicketCommand,
  ListCategoriesQuery,
  DispatchTicketCommand,
  EscalateTicketCommand,
  GetTicketQuery,
  LinkTicketCommand,
  ListNotesQuery,
  ListTicketsQuery,
  MergeTicketCommand,
  RateTicketCommand,
  RecordRevisitCommand,
  ResolveTicketCommand,
  ResumeTicketCommand,
  StartTicketCommand,
  SubmitTicketCommand,
  SuperviseTicketCommand,
  TicketAcknowledgedEvent,
  TicketClosedEvent,
  TicketEscalatedEvent,
  TicketHistoryQuery,
  TicketKpisQuery,
  TicketNoteAddedEvent,
  TicketReopenedEvent,
  TicketRuleProposedEvent,
  TicketSubmittedEvent,
  TriageTicketCommand,
  type Ticket as TicketView,
} from '@gov/contracts-tickets';
import { aDistrictOperator, anActor, aGridWorker, aPartySecretary, bootService, refusalCode, refusalOf, type ServiceUnderTest } from '@gov/testing';
import { OutboxMessage, updateVersioned } from '@gov/platform';
import { ticketsService } from '../service';
import { Ticket } from './ticket.entity';
import { loadTicketForMove } from './ticket.view';

const COMMUNITY = '/310117/310117001/310117001001/';
const GRID = `${COMMUNITY}G01/`;
const OTHER_COMMUNITY = '/310117/310117002/310117002001/';

const resident = anActor(['RESIDENT'], [GRID], { id: 'resident-zhang' });
const worker = aGridWorker(GRID);
const secretary = aPartySecretary(COMMUNITY);
const plumber = anActor(['PROPERTY_STAFF'], [COMMUNITY], { id: 'plumber-li' });
const housingOfficer = anActor(['DEPARTMENT_OFFICER'], ['/310117/'], { unitId: 'dept-housing' });

function aLeak(overrides: { reporterId?: string; anonymous?: boolean; channel?: 'GRID_QR' | 'PATROL'; description?: string } = {}) {
  return {
    channel: overrides.channel ?? ('GRID_QR' as const),
    reporter: overrides.anonymous ? { type: 'ANONYMOUS' as const } : { type: 'RESIDENT' as const, personId: overrides.reporterId ?? resident.id },
    location: { areaPath: GRID, freeText: '171号楼2单元 楼道', buildingId: 'b171' },
    categoryCode: 'LEAK',
    attributes: { source: 'pipe', floor: 3 },
    title: '楼道水管漏水',
    description: overrides.description ?? '二单元三楼水管漏水，楼道积水。',
  };
}

describe('tickets: the closed loop (through NATS and PostgreSQL)', () => {
  let sut: ServiceUnderTest;

  beforeAll(async () => {
    sut = await bootService(ticketsService, { env: { DAILY_LIMIT_PER_REPORTER: '1000', SLA_SWEEP_MS: '0' } });
    await sut.client.request(
      DefineCategoryCommand,
      {
        districtCode: '310117',
        code: 'LEAK',
        name: '漏水',
        group: '物业维修',
        keywords: ['漏水', '水管'],
        defaultLevel: 'L2_ROUTINE',
        attributes: [
          { code: 'floor', description: '楼层', datatype: 'number', required: false, order: 1 },
          {
            code: 'source',
            description: '漏水来源',
            datatype: 'singlevaluelist',
            required: true,
            order: 0,
            values: [
              { key: 'pipe', name: '水管' },
              { key: 'roof', name: '屋顶' },
            ],
          },
        ],
      },
      { actor: aDistrictOperator('/310117/') },
    );
  });
  afterAll(() => sut?.stop());

  async function submitted(actor: Actor = resident, body = aLeak()) {
    return sut.client.request(SubmitTicketCommand, body, { actor });
  }
  async function inProgress(): Promise<TicketView> {
    const t = await submitted();
    await sut.client.request(AcknowledgeTicketCommand, { id: t.id }, { actor: worker });
    await sut.client.request(TriageTicketCommand, { id: t.id, responseLevel: 'L2_ROUTINE', triageColour: 'GREEN' }, { actor: worker });
    await sut.client.request(DispatchTicketCommand, { id: t.id, handler: { kind: 'PERSON', id: plumber.id, name: '李师傅' } }, { actor: worker });
    return sut.client.request(StartTicketCommand, { id: t.id }, { actor: plumber });
  }

  it('runs submitted → acknowledged → triaged → dispatched → in progress → resolved → rated → closed, with history and events', async () => {
    const ticket = await submitted();
    expect(ticket).toMatchObject({ status: 'SUBMITTED', proactive: false, version: 1, reporter: { personId: resident.id } });
    await sut.spy.waitFor(TicketSubmittedEvent.subject, (e) => e.data.id === ticket.id);

    const acknowledged = await sut.client.request(AcknowledgeTicketCommand, { id: ticket.id, expectedVersion: 1 }, { actor: worker });
    expect(acknowledged).toMatchObject({ status: 'ACKNOWLEDGED', firstContactOwnerId: worker.id, version: 2 });
    await sut.spy.waitFor(TicketAcknowledgedEvent.subject, (e) => e.data.id === ticket.id);
    await sut.client.request(TriageTicketCommand, { id: ticket.id, responseLevel: 'L2_ROUTINE', triageColour: 'GREEN' }, { actor: worker });
    await sut.client.request(DispatchTicketCommand, { id: ticket.id, handler: { kind: 'PERSON', id: plumber.id } }, { actor: worker });
    await sut.client.request(StartTicketCommand, { id: ticket.id }, { actor: plumber });
    const resolved = await sut.client.request(ResolveTicketCommand, { id: ticket.id, summary: '已更换阀门' }, { actor: plumber });
    expect(resolved.resolvedAt).not.toBeNull();
    const rated = await sut.client.request(RateTicketCommand, { id: ticket.id, score: 5, fixed: true }, { actor: resident });
    expect(rated).toMatchObject({ status: 'RATED', rating: { score: 5, fixed: true } });
    const closed = await sut.client.request(CloseTicketCommand, { id: ticket.id }, { actor: worker });
    expect(closed.status).toBe('CLOSED');
    await sut.spy.waitFor(TicketClosedEvent.subject, (e) => e.data.id === ticket.id);

    const history = await sut.client.request(TicketHistoryQuery, { id: ticket.id }, { actor: secretary });
    expect(history.items.map((h) => [h.action, h.to, h.actorId])).toEqual([
      ['submit', 'SUBMITTED', resident.id],
      ['acknowledge', 'ACKNOWLEDGED', worker.id],
      ['triage', 'TRIAGED', worker.id],
      ['dispatch', 'DISPATCHED', worker.id],
      ['start', 'IN_PROGRESS', plumber.id],
      ['resolve', 'RESOLVED', plumber.id],
      ['rate-fixed', 'RATED', resident.id],
      ['close', 'CLOSED', worker.id],
    ]);
    const stored = await sut.em().findOneOrFail(Ticket, { id: ticket.id });
    expect(stored.status).toBe('CLOSED');
    // Once JetStream holds the events, the outbox lets them go: it keeps only what is still to be sent.
    for (let tries = 0; (await sut.em().count(OutboxMessage, {})) > 0; tries++) {
      if (tries > 100) throw new Error('the outbox still holds published events');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  it('reopens when the resident rates "not fixed", keeping count', async () => {
    const t = await inProgress();
    await sut.client.request(ResolveTicketCommand, { id: t.id, summary: '已处理' }, { actor: plumber });
    const reopened = await sut.client.request(RateTicketCommand, { id: t.id, score: 1, fixed: false, reasons: ['仍在漏水'] }, { actor: resident });
    expect(reopened).toMatchObject({ status: 'REOPENED', reopenCount: 1, resolvedAt: null });
    await sut.spy.waitFor(TicketReopenedEvent.subject, (e) => e.data.id === t.id);
    const again = await sut.client.request(DispatchTicketCommand, { id: t.id, handler: { kind: 'PERSON', id: plumber.id } }, { actor: worker });
    expect(again.status).toBe('DISPATCHED');
  });

  it('escalates to a department (the whistle), which must acknowledge to take it on', async () => {
    const t = await inProgress();
    const escalated = await sut.client.request(EscalateTicketCommand, { id: t.id, departmentId: 'dept-housing', reason: '涉及公共管道，需房管部门' }, { actor: worker });
    expect(escalated.status).toBe('ESCALATED');
    expect(Date.parse(escalated.escalation!.acknowledgeBy) - Date.parse(escalated.escalation!.raisedAt)).toBe(120 * 60_000);
    await sut.spy.waitFor(TicketEscalatedEvent.subject, (e) => e.data.id === t.id);
    const otherDept = anActor(['DEPARTMENT_OFFICER'], ['/310117/'], { unitId: 'dept-police' });
    expect(await refusalCode(sut.client.request(AcknowledgeEscalationCommand, { id: t.id }, { actor: otherDept }))).toBe('FORBIDDEN');
    const taken = await sut.client.request(AcknowledgeEscalationCommand, { id: t.id }, { actor: housingOfficer });
    expect(taken).toMatchObject({ status: 'IN_PROGRESS', handler: { kind: 'DEPARTMENT', id: 'dept-housing' } });
    expect(taken.escalation!.acknowledgedAt).not.toBeNull();
    expect((await sut.client.request(GetTicketQuery, { id: t.id }, { actor: housingOfficer })).id).toBe(t.id);
  });

  it('defers until a date with the clock paused, and resumes', async () => {
    const t = await inProgress();
    expect(await refusalCode(sut.client.request(DeferTicketCommand, { id: t.id, until: '2020-01-01', reason: '等待' }, { actor: worker }))).toBe(
      'TICKETS.DEFER_DATE_IN_PAST',
    );
    const until = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const deferred = await sut.client.request(DeferTicketCommand, { id: t.id, until, reason: '待汛期后施工' }, { actor: worker });
    expect(deferred).toMatchObject({ status: 'DEFERRED', deferredUntil: until });
    expect((await sut.em().findOneOrFail(Ticket, { id: t.id })).pausedSince).not.toBeNull();
    const resumed = await sut.client.request(ResumeTicketCommand, { id: t.id }, { actor: worker });
    expect(resumed).toMatchObject({ status: 'IN_PROGRESS', deferredUntil: null });
    expect((await sut.em().findOneOrFail(Ticket, { id: t.id })).pausedSince).toBeNull();
  });

  it('lists a case for supervision (挂牌督办) with its department and deadline, for the monthly joint meeting', async () => {
    const t = await inProgress();
    const deadline = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    expect(await refusalCode(sut.client.request(SuperviseTicketCommand, { id: t.id, departmentId: 'dept-urban', deadline, reason: '久拖未决' }, { actor: worker }))).toBe(
      'FORBIDDEN',
    );
    expect(
      await refusalCode(sut.client.request(SuperviseTicketCommand, { id: t.id, departmentId: 'dept-urban', deadline: '2020-01-01', reason: '久拖未决' }, { actor: secretary })),
    ).toBe('TICKETS.DEADLINE_IN_PAST');
    const listed = await sut.client.request(SuperviseTicketCommand, { id: t.id, departmentId: 'dept-urban', deadline, reason: '久拖未决' }, { actor: secretary });
    expect(listed).toMatchObject({ status: 'IN_PROGRESS', supervised: { departmentId: 'dept-urban', deadline, listedBy: secretary.id } });
    expect(listed.sla.map((c) => c.milestone)).toContain('SUPERVISION_DEADLINE');
    const urban = anActor(['DEPARTMENT_OFFICER'], ['/310117/'], { unitId: 'dept-urban' });
    expect((await sut.client.request(GetTicketQuery, { id: t.id }, { actor: urban })).id).toBe(t.id);
    const agenda = await sut.client.request(ListTicketsQuery, { supervisedOnly: true }, { actor: secretary });
    expect(agenda.items.map((x) => x.id)).toEqual([t.id]);
  });

  it('records revisits: stable leaves the result standing, a relapse reopens it', async () => {
    const t = await inProgress();
    await sut.client.request(ResolveTicketCommand, { id: t.id, summary: '已修复' }, { actor: plumber });
    const stable = await sut.client.request(RecordRevisitCommand, { id: t.id, outcome: 'STABLE', note: '回访：未再漏水' }, { actor: worker });
    expect(stable).toMatchObject({ status: 'RESOLVED', revisits: [{ outcome: 'STABLE', by: worker.id }] });
    const relapsed = await sut.client.request(RecordRevisitCommand, { id: t.id, outcome: 'RELAPSED', note: '一个月后复发' }, { actor: worker });
    expect(relapsed).toMatchObject({ status: 'REOPENED', reopenCount: 1 });
    await sut.spy.waitFor(TicketReopenedEvent.subject, (e) => e.data.id === t.id);
    expect(await refusalCode(sut.client.request(RecordRevisitCommand, { id: t.id, outcome: 'STABLE', note: 'x' }, { actor: worker }))).toBe(
      'TICKETS.TRANSITION_NOT_ALLOWED',
    );
  });

  it('publishes the rule a resolved case proposes (一件事 → 一类事)', async () => {
    const t = await inProgress();
    const proposal = { type: 'PROCEDURE' as const, text: '楼道漏水纠纷处置流程：先止水、再定责、后修复' };
    const resolved = await sut.client.request(ResolveTicketCommand, { id: t.id, summary: '已修复', ruleProposal: proposal }, { actor: plumber });
    expect(resolved.ruleProposal).toEqual(proposal);
    const event = await sut.spy.waitFor(TicketRuleProposedEvent.subject, (e) => (e.data.ticket as { id: string }).id === t.id);
    expect(event.data.proposal).toEqual(proposal);
  });

  it('merges duplicates into one ticket, which counts the "me too"s', async () => {
    const original = await submitted();
    const copies = [await submitted(), await submitted()];
    for (const copy of copies) {
      const merged = await sut.client.request(MergeTicketCommand, { id: copy.id, intoId: original.id, reason: '同一处漏水' }, { actor: worker });
      expect(merged).toMatchObject({ status: 'MERGED', duplicateOfId: original.id });
    }
    expect((await sut.client.request(GetTicketQuery, { id: original.id }, { actor: worker })).meTooCount).toBe(2);
    const another = await submitted();
    expect(await refusalCode(sut.client.request(MergeTicketCommand, { id: another.id, intoId: copies[0].id }, { actor: worker }))).toBe(
      'TICKETS.DUPLICATE_TARGET_INVALID',
    );
    expect(await refusalCode(sut.client.request(MergeTicketCommand, { id: another.id, intoId: another.id }, { actor: worker }))).toBe(
      'TICKETS.DUPLICATE_TARGET_INVALID',
    );
    expect(await refusalCode(sut.client.request(MergeTicketCommand, { id: another.id, intoId: original.id }, { actor: resident }))).toBe('FORBIDDEN');
  });

  it('keeps progress notes: the reporter sees the public ones, staff all; public ones are published', async () => {
    const t = await inProgress();
    await sut.client.request(AddNoteCommand, { id: t.id, visibility: 'PUBLIC', text: '物业已联系，下午2点上门' }, { actor: worker });
    await sut.client.request(AddNoteCommand, { id: t.id, visibility: 'INTERNAL', text: '业主与楼上有旧怨，注意沟通' }, { actor: plumber });
    expect((await sut.client.request(ListNotesQuery, { id: t.id }, { actor: worker })).items.map((n) => n.visibility)).toEqual(['PUBLIC', 'INTERNAL']);
    expect((await sut.client.request(ListNotesQuery, { id: t.id }, { actor: resident })).items.map((n) => n.text)).toEqual(['物业已联系，下午2点上门']);
    expect(await refusalCode(sut.client.request(AddNoteCommand, { id: t.id, visibility: 'PUBLIC', text: '我来写' }, { actor: resident }))).toBe('FORBIDDEN');
    const neighbour = anActor(['RESIDENT'], [GRID], { id: 'resident-nosy' });
    expect(await refusalCode(sut.client.request(ListNotesQuery, { id: t.id }, { actor: neighbour }))).toBe('FORBIDDEN');
    const event = await sut.spy.waitFor(TicketNoteAddedEvent.subject, (e) => (e.data.ticket as { id: string }).id === t.id);
    expect((event.data.note as { text: string }).text).toBe('物业已联系，下午2点上门');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sut.spy.of(TicketNoteAddedEvent.subject, (e) => (e.data.ticket as { id: string }).id === t.id)).toHaveLength(1);
    // A note is not a move: the ticket's version is untouched.
    expect((await sut.client.request(GetTicketQuery, { id: t.id }, { actor: worker })).version).toBe(t.version);
  });

  it('records the plan a joint meeting agreed for a complex case, meeting its L3 deadline', async () => {
    const t = await submitted();
    await sut.client.request(AcknowledgeTicketCommand, { id: t.id }, { actor: worker });
    await sut.client.request(TriageTicketCommand, { id: t.id, responseLevel: 'L3_COMPLEX', triageColour: 'YELLOW' }, { actor: worker });
    const deadline = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
    const plan = { text: '三方联席会议：物业负责管道更换，居委会协调业主', responsible: '绿城物业', deadline };
    expect(await refusalCode(sut.client.request(AgreePlanCommand, { id: t.id, ...plan }, { actor: worker }))).toBe('FORBIDDEN');
    const agreed = await sut.client.request(AgreePlanCommand, { id: t.id, ...plan }, { actor: secretary });
    expect(agreed).toMatchObject({ status: 'TRIAGED', plan: { responsible: '绿城物业', deadline, agreedBy: secretary.id } });
    expect(agreed.sla.find((c) => c.milestone === 'PLAN_AGREED')?.metAt).not.toBeNull();
  });

  it('links related tickets without merging them; both show the link', async () => {
    const a = await submitted();
    const b = await submitted();
    const linked = await sut.client.request(LinkTicketCommand, { id: a.id, relatedId: b.id }, { actor: worker });
    expect(linked).toMatchObject({ status: 'SUBMITTED', related: [b.id] });
    expect((await sut.client.request(GetTicketQuery, { id: b.id }, { actor: worker })).related).toEqual([a.id]);
    await sut.client.request(LinkTicketCommand, { id: a.id, relatedId: b.id }, { actor: worker });
    expect((await sut.client.request(GetTicketQuery, { id: b.id }, { actor: worker })).related).toEqual([a.id]);
    expect(await refusalCode(sut.client.request(LinkTicketCommand, { id: a.id, relatedId: a.id }, { actor: worker }))).toBe('TICKETS.DUPLICATE_TARGET_INVALID');
  });

  it('stores awkward text exactly as given: quotes, backslashes, newlines, dollar quoting, emoji', async () => {
    // A submit writes its rows as inlined SQL literals in one round trip; nothing a resident types may change them.
    const awkward = "O'Neil's \\ leak\\n; $$drop table ticket$$ -- 'quoted' \\\\ E'x' 🚰\n第二行\t制表";
    const ticket = await sut.client.request(
      SubmitTicketCommand,
      { ...aLeak(), title: awkward.slice(0, 60), description: awkward, location: { areaPath: GRID, freeText: awkward } },
      { actor: worker },
    );
    const stored = await sut.client.request(GetTicketQuery, { id: ticket.id }, { actor: worker });
    expect(stored).toMatchObject({ title: awkward.slice(0, 60), description: awkward, location: { freeText: awkward } });
    const event = await sut.spy.waitFor(TicketSubmittedEvent.subject, (e) => e.data.id === ticket.id);
    expect(event.data).toMatchObject({ description: awkward });
  });

  it('is idempotent by key: the same key gives the same ticket, once', async () => {
    const body = { ...aLeak(), idempotencyKey: 'resident-zhang-0001' };
    const [a, b] = await Promise.all([
      sut.client.request(SubmitTicketCommand, body, { actor: resident }),
      sut.client.request(SubmitTicketCommand, body, { actor: resident }),
    ]);
    expect(b.id).toBe(a.id);
    expect(await sut.em().count(Ticket, { id: a.id })).toBe(1);
  });

  it('lets exactly one of 20 concurrent moves on one ticket win; the rest get CONFLICT', async () => {
    const t = await submitted();
    const staff = Array.from({ length: 20 }, (_, i) => anActor(['GRID_WORKER'], [GRID], { id: `worker-${i}` }));
    const results = await Promise.allSettled(
      staff.map((actor) => sut.client.request(AcknowledgeTicketCommand, { id: t.id, expectedVersion: 1 }, { actor })),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { code: string }).code).toBe('CONFLICT');
    const stored = await sut.em().findOneOrFail(Ticket, { id: t.id });
    expect(stored).toMatchObject({ version: 2, firstContactOwnerId: (won[0] as PromiseFulfilledResult<TicketView>).value.firstContactOwnerId });
    const history = await sut.client.request(TicketHistoryQuery, { id: t.id }, { actor: secretary });
    expect(history.items.filter((h) => h.action === 'acknowledge')).toHaveLength(1);
  });

  it('writes a move back by version: what others changed in place meanwhile stays, a stale read gets CONFLICT', async () => {
    const t = await submitted();
    const em = sut.em();
    const read = await loadTicketForMove(em, t.id);
    // A "me too" merged in meanwhile counts on the ticket in place, without a version (it is not a decision on it).
    await em.execute('update ticket set me_too_count = me_too_count + 1 where id = ?', [t.id]);
    read.ticket.status = 'ACKNOWLEDGED';
    read.ticket.firstContactOwnerId = worker.id;
    await updateVersioned(em, Ticket, read.ticket, read.snapshot);
    expect(read.ticket.version).toBe(2);
    expect(await sut.em().findOneOrFail(Ticket, { id: t.id })).toMatchObject({ status: 'ACKNOWLEDGED', meTooCount: 1, version: 2 });

    const stale = await loadTicketForMove(em, t.id);
    await sut.client.request(TriageTicketCommand, { id: t.id, responseLevel: 'L2_ROUTINE' }, { actor: worker });
    stale.ticket.status = 'REJECTED';
    await expect(updateVersioned(em, Ticket, stale.ticket, stale.snapshot)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await sut.em().findOneOrFail(Ticket, { id: t.id })).toMatchObject({ status: 'TRIAGED', meTooCount: 1, version: 3 });
  });

  it('marks patrol findings as proactive (未诉先办)', async () => {
    const t = await sut.client.request(SubmitTicketCommand, { ...aLeak({ channel: 'PATROL' }), reporter: { type: 'STAFF', personId: worker.id } }, { actor: worker });
    expect(t.proactive).toBe(true);
  });

  it('reports KPIs over the area for staff, and refuses them to residents', async () => {
    const window = { areaPath: COMMUNITY, from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
    const report = await sut.client.request(TicketKpisQuery, window, { actor: secretary });
    const listed = await sut.client.request(ListTicketsQuery, { areaPath: COMMUNITY, limit: 1_000 }, { actor: secretary });
    expect(report.total).toBe(listed.items.length);
    expect(report.byStatus.CLOSED).toBe(listed.items.filter((t) => t.status === 'CLOSED').length);
    expect(report.satisfaction.rated).toBe(listed.items.filter((t) => t.rating).length);
    expect(report.minutesToAcknowledge.count).toBeGreaterThan(0);
    expect(report.proactiveShare).toBeGreaterThan(0);
    expect(await refusalCode(sut.client.request(TicketKpisQuery, window, { actor: resident }))).toBe('FORBIDDEN');
    expect(await refusalCode(sut.client.request(TicketKpisQuery, { ...window, areaPath: OTHER_COMMUNITY }, { actor: secretary }))).toBe('FORBIDDEN');
  });

  describe('refusals change nothing', () => {
    it.each([
      ['bad coordinates', { ...aLeak(), location: { ...aLeak().location, coordinates: { lat: 123, lng: 500 } } }, 'VALIDATION_FAILED'],
      ['an oversized description', aLeak({ description: '漏'.repeat(4_001) }), 'VALIDATION_FAILED'],
      ['a named reporter without a person id', { ...aLeak(), reporter: { type: 'RESIDENT' } }, 'VALIDATION_FAILED'],
    ])('%s', async (_label, body, code) => {
      const before = await sut.em().count(Ticket);
      expect(await refusalCode(sut.client.request(SubmitTicketCommand, body as never, { actor: resident }))).toBe(code);
      expect(await sut.em().count(Ticket)).toBe(before);
    });

    it.each([
      ['an unknown category', { ...aLeak(), categoryCode: 'DRAGONS' }, 'TICKETS.UNKNOWN_CATEGORY'],
      ['a missing required attribute', { ...aLeak(), attributes: { floor: 3 } }, 'TICKETS.ATTRIBUTE_REQUIRED'],
      ['an attribute value not offered', { ...aLeak(), attributes: { source: 'neighbour' } }, 'TICKETS.ATTRIBUTE_INVALID'],
    ])('%s', async (_label, body, code) => {
      const before = await sut.em().count(Ticket);
      const error = await refusalOf(sut.client.request(SubmitTicketCommand, body as never, { actor: resident }));
      expect(error.code).toBe(code);
      expect(await sut.em().count(Ticket)).toBe(before);
    });

    it("the catalogue is the district operators' to change, and everyone's to read", async () => {
      const category = { districtCode: '310117', code: 'NOISE', name: '噪音', group: '邻里', defaultLevel: 'L2_ROUTINE' as const };
      expect(await refusalCode(sut.client.request(DefineCategoryCommand, category, { actor: secretary }))).toBe('FORBIDDEN');
      expect(await refusalCode(sut.client.request(DefineCategoryCommand, category, { actor: aDistrictOperator('/310118/') }))).toBe('FORBIDDEN');
      const list = await sut.client.request(ListCategoriesQuery, { districtCode: '310117' }, { actor: resident });
      expect(list.items.map((c) => [c.code, c.attributes.map((a) => a.code)])).toEqual([['LEAK', ['source', 'floor']]]);
    });

    it('a move from the wrong state', async () => {
      const t = await submitted();
      const error = await refusalOf(sut.client.request(StartTicketCommand, { id: t.id }, { actor: plumber }));
      expect(error.code).toBe('TICKETS.TRANSITION_NOT_ALLOWED');
      expect((await sut.em().findOneOrFail(Ticket, { id: t.id })).version).toBe(1);
    });

    it('a rating on an anonymous ticket', async () => {
      const t = await submitted(worker, aLeak({ anonymous: true }));
      expect(t.reporter).toEqual({ type: 'ANONYMOUS' });
      expect(await refusalCode(sut.client.request(RateTicketCommand, { id: t.id, score: 3, fixed: true }, { actor: resident }))).toBe(
        'TICKETS.ANONYMOUS_NO_FEEDBACK',
      );
    });

    it('a transfer without a reason', async () => {
      const t = await inProgress();
      expect(
        await refusalCode(sut.client.request(DispatchTicketCommand, { id: t.id, handler: { kind: 'PROPERTY_COMPANY', id: 'pm-1' } }, { actor: worker })),
      ).toBe('TICKETS.REASON_REQUIRED');
    });
  });

  describe('authorisation by role and area', () => {
    it('a resident sees their own tickets and not their neighbour’s', async () => {
      const mine = await submitted();
      const neighbour = anActor(['RESIDENT'], [GRID], { id: 'resident-wang' });
      expect((await sut.client.request(GetTicketQuery, { id: mine.id }, { actor: resident })).id).toBe(mine.id);
      expect(await refusalCode(sut.client.request(GetTicketQuery, { id: mine.id }, { actor: neighbour }))).toBe('FORBIDDEN');
      expect(await refusalCode(sut.client.request(SubmitTicketCommand, aLeak(), { actor: neighbour }))).toBe('FORBIDDEN');
    });

    it('a grid worker and the community secretary see their area; staff elsewhere do not', async () => {
      const t = await submitted();
      expect((await sut.client.request(GetTicketQuery, { id: t.id }, { actor: worker })).id).toBe(t.id);
      expect((await sut.client.request(GetTicketQuery, { id: t.id }, { actor: secretary })).id).toBe(t.id);
      const elsewhere = aPartySecretary(OTHER_COMMUNITY);
      expect(await refusalCode(sut.client.request(GetTicketQuery, { id: t.id }, { actor: elsewhere }))).toBe('FORBIDDEN');
      expect(await refusalCode(sut.client.request(AcknowledgeTicketCommand, { id: t.id }, { actor: elsewhere }))).toBe('FORBIDDEN');
    });

    it('lists only what each caller may see, filtered and paged', async () => {
      const mine = await submitted(anActor(['RESIDENT'], [GRID], { id: 'resident-list' }), aLeak({ reporterId: 'resident-list' }));
      const other = await submitted();
      const asResident = await sut.client.request(ListTicketsQuery, {}, { actor: anActor(['RESIDENT'], [GRID], { id: 'resident-list' }) });
      expect(asResident.items.map((t) => t.id)).toEqual([mine.id]);
      const asWorker = await sut.client.request(ListTicketsQuery, { ids: [mine.id, other.id] }, { actor: worker });
      expect(asWorker.items.map((t) => t.id).sort()).toEqual([mine.id, other.id].sort());
      const elsewhere = await sut.client.request(ListTicketsQuery, { ids: [mine.id] }, { actor: aPartySecretary(OTHER_COMMUNITY) });
      expect(elsewhere.items).toEqual([]);
      const first = await sut.client.request(ListTicketsQuery, { limit: 1, statuses: ['SUBMITTED'] }, { actor: worker });
      const second = await sut.client.request(ListTicketsQuery, { limit: 1, statuses: ['SUBMITTED'], cursor: first.nextCursor! }, { actor: worker });
      expect(second.items[0].id).not.toBe(first.items[0].id);
      expect(Date.parse(second.items[0].reportedAt)).toBeLessThanOrEqual(Date.parse(first.items[0].reportedAt));
    });

    it('a partner unit sees the tickets dispatched to it, and only those', async () => {
      const partner = anActor(['PARTNER_CONTACT'], [], { kind: 'partner-unit', partnerUnitId: 'unit-hospital' });
      const t = await submitted();
      expect(await refusalCode(sut.client.request(GetTicketQuery, { id: t.id }, { actor: partner }))).toBe('FORBIDDEN');
      await sut.client.request(AcknowledgeTicketCommand, { id: t.id }, { actor: worker });
      await sut.client.request(TriageTicketCommand, { id: t.id, responseLevel: 'L2_ROUTINE' }, { actor: worker });
      await sut.client.request(DispatchTicketCommand, { id: t.id, handler: { kind: 'PARTNER_UNIT', id: 'unit-hospital' } }, { actor: worker });
      expect((await sut.client.request(StartTicketCommand, { id: t.id }, { actor: partner })).status).toBe('IN_PROGRESS');
    });

    it('only the first-contact owner or a supervisor triages', async () => {
      const t = await submitted();
      await sut.client.request(AcknowledgeTicketCommand, { id: t.id }, { actor: worker });
      const colleague = aGridWorker(GRID);
      expect(await refusalCode(sut.client.request(TriageTicketCommand, { id: t.id, responseLevel: 'L1_URGENT' }, { actor: colleague }))).toBe(
        'FORBIDDEN',
      );
      expect((await sut.client.request(TriageTicketCommand, { id: t.id, responseLevel: 'L1_URGENT' }, { actor: secretary })).responseLevel).toBe('L1_URGENT');
    });
  });
});
