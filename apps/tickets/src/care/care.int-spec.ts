import {
  CareSummaryQuery,
  CareVisitOverdueEvent,
  CreateCareProfileCommand,
  GetCareProfileQuery,
  GetTicketQuery,
  ListCareProfilesQuery,
  ListCareVisitsQuery,
  RecordCareVisitCommand,
  UpdateCareProfileCommand,
} from '@gov/contracts-tickets';
import { anActor, aGridWorker, aPartnerContact, aResident, anRcStaff, bootService, refusalCode, type ServiceUnderTest } from '@gov/testing';
import { ticketsService } from '../service';
import { SlaSweeper } from '../sla/sla-sweeper';
import { CLOCK, type Clock } from '../tickets/transition-ticket';

const COMMUNITY = '/310117/310117001/310117001001/';
const GRID = `${COMMUNITY}G01/`;
const rcStaff = anRcStaff(COMMUNITY);
const gridWorker = aGridWorker(GRID);
const volunteer = anActor(['RESIDENT'], [GRID], { id: 'volunteer-chen' });
const DAY = 86_400_000;

const profile = (overrides: Record<string, unknown> = {}) => ({
  areaPath: GRID,
  householdId: 'hh-171-2-301',
  name: '王阿婆',
  careTags: ['ELDERLY_ALONE' as const, 'VERY_OLD' as const],
  careRiskColour: 'YELLOW' as const,
  visitStreams: ['RC_FOLLOW_UP' as const, 'VOLUNTEER_WEEKLY' as const],
  visitors: [volunteer.id],
  ...overrides,
});

describe('tickets: care profiles and visit schedules (care-risk colour sets the frequency)', () => {
  let sut: ServiceUnderTest;
  let clock: Clock;
  const t0 = new Date('2026-11-02T01:00:00Z');
  const at = (days: number) => new Date(t0.getTime() + days * DAY);

  beforeAll(async () => {
    sut = await bootService(ticketsService, { env: { SLA_SWEEP_MS: '0', CARE_VISIT_DAYS: '{"RC_FOLLOW_UP":{"YELLOW":14}}' } });
    clock = sut.service.app.get<Clock>(CLOCK);
    clock.now = () => t0;
  });
  afterAll(() => sut?.stop());

  it('schedules each stream from the colour (with the deployment’s override), idempotently by key', async () => {
    const request = { ...profile(), idempotencyKey: 'care-create-0001' };
    const created = await sut.client.request(CreateCareProfileCommand, request, { actor: rcStaff });
    expect(created.schedule).toEqual([
      { stream: 'RC_FOLLOW_UP', dueAt: at(14).toISOString(), lastVisitAt: null, status: 'SCHEDULED' },
      { stream: 'VOLUNTEER_WEEKLY', dueAt: at(7).toISOString(), lastVisitAt: null, status: 'SCHEDULED' },
    ]);
    expect((await sut.client.request(CreateCareProfileCommand, request, { actor: rcStaff })).id).toBe(created.id);
    expect(await refusalCode(sut.client.request(CreateCareProfileCommand, { ...request, name: '李阿公' }, { actor: rcStaff }))).toBe(
      'TICKETS.IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('lets only RC staff and the area’s grid workers keep profiles; assigned visitors see theirs', async () => {
    const created = await sut.client.request(CreateCareProfileCommand, profile(), { actor: gridWorker });
    for (const outsider of [aResident(GRID), aGridWorker(`${COMMUNITY}G02/`), anActor(['PROPERTY_STAFF'], [GRID]), aPartnerContact('unit-1', GRID)]) {
      expect(await refusalCode(sut.client.request(CreateCareProfileCommand, profile(), { actor: outsider }))).toBe('FORBIDDEN');
      expect(await refusalCode(sut.client.request(GetCareProfileQuery, { id: created.id }, { actor: outsider }))).toBe('FORBIDDEN');
      expect(await refusalCode(sut.client.request(ListCareProfilesQuery, { areaPath: GRID }, { actor: outsider }))).toBe('FORBIDDEN');
    }
    expect((await sut.client.request(GetCareProfileQuery, { id: created.id }, { actor: volunteer })).name).toBe('王阿婆');
    expect(await refusalCode(sut.client.request(ListCareProfilesQuery, { areaPath: GRID }, { actor: volunteer }))).toBe('FORBIDDEN');
  });

  it('records a visit: the stream is next due one interval later, and a hazard becomes a proactive ticket', async () => {
    const created = await sut.client.request(CreateCareProfileCommand, profile(), { actor: rcStaff });
    clock.now = () => at(6);
    const visit = await sut.client.request(
      RecordCareVisitCommand,
      {
        profileId: created.id,
        stream: 'VOLUNTEER_WEEKLY',
        at: at(6).toISOString(),
        opinions: '希望有人帮忙买菜',
        hazards: [{ title: '燃气灶老化', description: '厨房燃气软管老化开裂' }],
      },
      { actor: volunteer },
    );
    expect(visit).toMatchObject({ stream: 'VOLUNTEER_WEEKLY', by: volunteer.id, onTime: true, hazards: [{ title: '燃气灶老化' }] });
    const ticket = await sut.client.request(GetTicketQuery, { id: visit.hazards[0].ticketId }, { actor: gridWorker });
    expect(ticket).toMatchObject({ channel: 'VISIT', proactive: true, location: { areaPath: GRID }, reporter: { type: 'RESIDENT', personId: volunteer.id } });
    const after = await sut.client.request(GetCareProfileQuery, { id: created.id }, { actor: rcStaff });
    expect(after.schedule.find((s) => s.stream === 'VOLUNTEER_WEEKLY')).toEqual({
      stream: 'VOLUNTEER_WEEKLY',
      dueAt: at(13).toISOString(),
      lastVisitAt: at(6).toISOString(),
      status: 'SCHEDULED',
    });
    expect((await sut.client.request(ListCareVisitsQuery, { profileId: created.id }, { actor: rcStaff })).items.map((v) => v.id)).toEqual([visit.id]);
  });

  it('refuses visits in the future, by a stream not scheduled, or by someone not assigned; nothing is recorded', async () => {
    const created = await sut.client.request(CreateCareProfileCommand, profile(), { actor: rcStaff });
    clock.now = () => at(1);
    const visit = { profileId: created.id, stream: 'RC_FOLLOW_UP' as const, at: at(1).toISOString() };
    expect(await refusalCode(sut.client.request(RecordCareVisitCommand, { ...visit, at: at(2).toISOString() }, { actor: rcStaff }))).toBe(
      'TICKETS.VISIT_IN_FUTURE',
    );
    expect(await refusalCode(sut.client.request(RecordCareVisitCommand, { ...visit, stream: 'PAIRED_MEMBER' }, { actor: rcStaff }))).toBe(
      'TICKETS.STREAM_NOT_SCHEDULED',
    );
    expect(await refusalCode(sut.client.request(RecordCareVisitCommand, visit, { actor: anActor(['RESIDENT'], [GRID], { id: 'stranger' }) }))).toBe('FORBIDDEN');
    expect(await refusalCode(sut.client.request(RecordCareVisitCommand, { ...visit, profileId: crypto.randomUUID() }, { actor: rcStaff }))).toBe(
      'TICKETS.CARE_PROFILE_NOT_FOUND',
    );
    expect((await sut.client.request(ListCareVisitsQuery, { profileId: created.id }, { actor: rcStaff })).items).toEqual([]);
  });

  it('a new colour reschedules from the last visit; a stale version is refused', async () => {
    clock.now = () => t0;
    const created = await sut.client.request(CreateCareProfileCommand, profile({ careRiskColour: 'GREEN', visitStreams: ['RC_FOLLOW_UP'] }), { actor: rcStaff });
    expect(created.schedule[0].dueAt).toBe(at(90).toISOString());
    clock.now = () => at(3);
    await sut.client.request(RecordCareVisitCommand, { profileId: created.id, stream: 'RC_FOLLOW_UP', at: at(2).toISOString() }, { actor: rcStaff });
    const current = await sut.client.request(GetCareProfileQuery, { id: created.id }, { actor: rcStaff });
    const red = await sut.client.request(UpdateCareProfileCommand, { id: created.id, expectedVersion: current.version, careRiskColour: 'RED' }, { actor: gridWorker });
    expect(red).toMatchObject({ careRiskColour: 'RED', schedule: [{ stream: 'RC_FOLLOW_UP', lastVisitAt: at(2).toISOString(), dueAt: at(9).toISOString() }] });
    expect(
      await refusalCode(sut.client.request(UpdateCareProfileCommand, { id: created.id, expectedVersion: current.version, careRiskColour: 'GREEN' }, { actor: rcStaff })),
    ).toBe('CONFLICT');
  });

  it('reports an overdue stream once per due time, and lists what is overdue', async () => {
    clock.now = () => t0;
    const areaPath = `${COMMUNITY}G03/`;
    const created = await sut.client.request(
      CreateCareProfileCommand,
      profile({ areaPath, careRiskColour: 'RED', visitStreams: ['PAIRED_MEMBER'], visitors: ['member-zhao'] }),
      { actor: rcStaff },
    );
    const sweeper = sut.service.app.get(SlaSweeper);
    const mine = () => sut.spy.of(CareVisitOverdueEvent.subject, (e) => e.data.profileId === created.id);
    expect((await sweeper.sweep(at(6))).careOverdue).toBe(0);
    clock.now = () => at(8);
    // Earlier tests' profiles fall due too; this one counts once.
    expect((await sweeper.sweep(at(8))).careOverdue).toBeGreaterThanOrEqual(1);
    expect((await sweeper.sweep(at(8.5))).careOverdue).toBe(0);
    const event = await sut.spy.waitFor(CareVisitOverdueEvent.subject, (e) => e.data.profileId === created.id);
    expect(event.data).toMatchObject({ areaPath, stream: 'PAIRED_MEMBER', dueAt: at(7).toISOString(), visitors: ['member-zhao'] });
    const overdue = await sut.client.request(ListCareProfilesQuery, { areaPath, status: 'OVERDUE' }, { actor: rcStaff });
    expect(overdue.items.map((p) => [p.id, p.schedule[0].status])).toEqual([[created.id, 'OVERDUE']]);
    expect((await sut.client.request(ListCareProfilesQuery, { areaPath, status: 'SCHEDULED' }, { actor: rcStaff })).items).toEqual([]);
    expect(mine()).toHaveLength(1);
  });

  it('reports care KPIs for an area: colours, overdue streams, coverage, visits on time', async () => {
    clock.now = () => t0;
    const areaPath = `${COMMUNITY}G04/`;
    const red = await sut.client.request(CreateCareProfileCommand, profile({ areaPath, careRiskColour: 'RED', visitStreams: ['RC_FOLLOW_UP'] }), { actor: rcStaff });
    await sut.client.request(CreateCareProfileCommand, profile({ areaPath, careRiskColour: 'GREEN', visitStreams: ['PAIRED_MEMBER'] }), { actor: rcStaff });
    await sut.client.request(CreateCareProfileCommand, profile({ areaPath, careRiskColour: 'YELLOW', visitStreams: ['VOLUNTEER_WEEKLY'] }), { actor: rcStaff });
    clock.now = () => at(2);
    await sut.client.request(RecordCareVisitCommand, { profileId: red.id, stream: 'RC_FOLLOW_UP', at: at(2).toISOString() }, { actor: rcStaff });
    clock.now = () => at(8);
    expect(await sut.client.request(CareSummaryQuery, { areaPath }, { actor: rcStaff })).toEqual({
      profiles: 3,
      byColour: { RED: 1, YELLOW: 1, GREEN: 1 },
      overdueStreams: 1,
      profilesWithOverdue: 1,
      visitedWithinYear: 1,
      coverage: 1 / 3,
      visitsLast30Days: 1,
      onTimeShareLast30Days: 1,
    });
    expect(await refusalCode(sut.client.request(CareSummaryQuery, { areaPath }, { actor: aResident(areaPath) }))).toBe('FORBIDDEN');
  });
});
