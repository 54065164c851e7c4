import { ImportHotlineCaseCommand, RecordHotlineSyncCommand, TicketSlaBreachedEvent, TicketSubmittedEvent, TicketKpisQuery } from '@gov/contracts-tickets';
import { aGridWorker, aPartySecretary, aResident, bootService, refusalCode, type ServiceUnderTest } from '@gov/testing';
import { ticketsService } from '../service';
import { SlaSweeper } from '../sla/sla-sweeper';
import { Ticket } from '../tickets/ticket.entity';

const COMMUNITY = '/310117/310117004/310117004001/';
const operatorDesk = aGridWorker(COMMUNITY);

const aCase = (externalNo: string) => ({
  externalNo,
  receivedAt: '2026-11-20T09:15:00+08:00',
  externalDeadline: '2026-11-25T18:00:00+08:00',
  location: { areaPath: COMMUNITY, freeText: '高乐小区 12 号楼' },
  title: '12345：绿化遮挡采光',
  text: '市民反映小区内香樟树遮挡采光，要求修剪。',
  caller: { type: 'RESIDENT' as const, personId: 'caller-123', name: '王先生' },
});

describe('tickets: the 12345 hotline mirror', () => {
  let sut: ServiceUnderTest;

  beforeAll(async () => {
    sut = await bootService(ticketsService, { env: { SLA_SWEEP_MS: '0' } });
  });
  afterAll(() => sut?.stop());

  it('mirrors a case once by its number, even when it arrives twice at once', async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => sut.client.request(ImportHotlineCaseCommand, aCase('SH12345-2026-0001'), { actor: operatorDesk })));
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect(a).toMatchObject({
      channel: 'HOTLINE_12345',
      status: 'SUBMITTED',
      reportedAt: new Date('2026-11-20T09:15:00+08:00').toISOString(),
      hotline: { externalNo: 'SH12345-2026-0001', kind: 'COMPLAINT', syncStatus: 'PENDING' },
    });
    expect(a.sla).toEqual([
      { milestone: 'HOTLINE_DEADLINE', dueAt: new Date('2026-11-25T18:00:00+08:00').toISOString(), warnedAt: null, breachedAt: null, metAt: null },
    ]);
    expect(await sut.em().count(Ticket, { channel: 'HOTLINE_12345' })).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sut.spy.of(TicketSubmittedEvent.subject, (e) => e.data.id === a.id)).toHaveLength(1);
  });

  it("breaches when the hotline's own deadline passes unmet", async () => {
    const t = await sut.client.request(ImportHotlineCaseCommand, aCase('SH12345-2026-0002'), { actor: operatorDesk });
    await sut.service.app.get(SlaSweeper).sweep(new Date('2026-11-25T18:01:00+08:00'));
    const breach = await sut.spy.waitFor(TicketSlaBreachedEvent.subject, (e) => (e.data.ticket as { id: string }).id === t.id);
    expect(breach.data.milestone).toBe('HOTLINE_DEADLINE');
  });

  it('records whether the reply to 12345 went through', async () => {
    await sut.client.request(ImportHotlineCaseCommand, aCase('SH12345-2026-0003'), { actor: operatorDesk });
    const synced = await sut.client.request(RecordHotlineSyncCommand, { externalNo: 'SH12345-2026-0003', status: 'FAILED', note: '平台超时' }, { actor: operatorDesk });
    expect(synced.hotline).toMatchObject({ syncStatus: 'FAILED', syncNote: '平台超时' });
    expect(synced.hotline!.lastSyncedAt).not.toBeNull();
    expect(await refusalCode(sut.client.request(RecordHotlineSyncCommand, { externalNo: 'SH-NOT-THERE', status: 'SYNCED' }, { actor: operatorDesk }))).toBe(
      'TICKETS.TICKET_NOT_FOUND',
    );
  });

  it('takes cases only from staff of the area, and feeds the 12345 trend', async () => {
    expect(await refusalCode(sut.client.request(ImportHotlineCaseCommand, aCase('SH12345-2026-0004'), { actor: aResident(COMMUNITY) }))).toBe('FORBIDDEN');
    const selfCaller = { ...aCase('SH12345-2026-0006'), caller: { type: 'RESIDENT' as const, personId: 'resident-self' } };
    const resident = { ...aResident(COMMUNITY), id: 'resident-self' };
    expect(await refusalCode(sut.client.request(ImportHotlineCaseCommand, selfCaller, { actor: resident }))).toBe('FORBIDDEN');
    expect(
      await refusalCode(sut.client.request(ImportHotlineCaseCommand, aCase('SH12345-2026-0005'), { actor: aGridWorker('/310117/310117001/') })),
    ).toBe('FORBIDDEN');
    const report = await sut.client.request(
      TicketKpisQuery,
      { areaPath: COMMUNITY, from: '2026-11-01T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00' },
      { actor: aPartySecretary(COMMUNITY) },
    );
    expect(report.hotlineByMonth['2026-11']).toBe(3);
  });
});
