import { GetTicketQuery, RecordPatrolCommand, TicketHistoryQuery, TicketKpisQuery } from '@gov/contracts-tickets';
import { aGridWorker, aPartySecretary, aResident, bootService, refusalCode, type ServiceUnderTest } from '@gov/testing';
import { ticketsService } from '../service';

const COMMUNITY = '/310117/310117001/310117001001/';
const GRID = `${COMMUNITY}G01/`;
const patroller = aGridWorker(GRID);

const patrol = (overrides: Record<string, unknown> = {}) => ({
  type: 'VANGUARD_DAY' as const,
  areaPath: GRID,
  members: [patroller.id, 'member-li'],
  startedAt: '2026-11-12T14:00:00+08:00',
  endedAt: '2026-11-12T16:00:00+08:00',
  findings: [
    { title: '消防通道堆物', description: '3号楼消防通道堆放纸箱', location: { areaPath: GRID, freeText: '3号楼' } },
    { title: '楼道灯不亮', description: '5号楼2单元楼道灯不亮', location: { areaPath: GRID, freeText: '5号楼2单元' }, quickFix: '现场更换灯泡' },
  ],
  ...overrides,
});

describe('tickets: patrols and care visits find problems before anyone complains', () => {
  let sut: ServiceUnderTest;

  beforeAll(async () => {
    sut = await bootService(ticketsService, { env: { SLA_SWEEP_MS: '0' } });
  });
  afterAll(() => sut?.stop());

  it('turns each finding into a proactive ticket; a quick fix is resolved on the spot', async () => {
    const recorded = await sut.client.request(RecordPatrolCommand, patrol(), { actor: patroller });
    expect(recorded.findings.map((f) => [f.title, f.quickFix])).toEqual([
      ['消防通道堆物', false],
      ['楼道灯不亮', true],
    ]);
    const [open, fixed] = await Promise.all(recorded.findings.map((f) => sut.client.request(GetTicketQuery, { id: f.ticketId }, { actor: patroller })));
    expect(open).toMatchObject({ channel: 'PATROL', proactive: true, status: 'SUBMITTED', reporter: { type: 'STAFF', personId: patroller.id } });
    expect(fixed).toMatchObject({ status: 'RESOLVED', firstContactOwnerId: patroller.id });
    const history = await sut.client.request(TicketHistoryQuery, { id: fixed.id }, { actor: patroller });
    expect(history.items.map((h) => h.action)).toEqual(['submit', 'acknowledge', 'resolve']);
  });

  it('records care visits as visits, which count toward the proactive share', async () => {
    const visit = await sut.client.request(
      RecordPatrolCommand,
      patrol({ type: 'CARE_VISIT', findings: [{ title: '独居老人需助餐', description: '王阿婆行动不便，需要助餐服务', location: { areaPath: GRID, freeText: '7号楼' } }] }),
      { actor: patroller },
    );
    expect((await sut.client.request(GetTicketQuery, { id: visit.findings[0].ticketId }, { actor: patroller })).channel).toBe('VISIT');
    const report = await sut.client.request(
      TicketKpisQuery,
      { areaPath: COMMUNITY, from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() },
      { actor: aPartySecretary(COMMUNITY) },
    );
    expect(report.proactiveShare).toBe(1);
  });

  it('refuses findings outside the patrolled area, and patrols by residents or outside one’s area', async () => {
    const stray = patrol({ findings: [{ title: 'x', description: 'x', location: { areaPath: '/310117/310117002/', freeText: 'x' } }] });
    expect(await refusalCode(sut.client.request(RecordPatrolCommand, stray, { actor: patroller }))).toBe('VALIDATION_FAILED');
    expect(await refusalCode(sut.client.request(RecordPatrolCommand, patrol(), { actor: aResident(GRID) }))).toBe('FORBIDDEN');
    expect(await refusalCode(sut.client.request(RecordPatrolCommand, patrol(), { actor: aGridWorker(`${COMMUNITY}G02/`) }))).toBe('FORBIDDEN');
  });
});
