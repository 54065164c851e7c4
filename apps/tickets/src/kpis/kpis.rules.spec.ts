import type { SlaClock } from '@gov/contracts-tickets';
import { computeKpis, type KpiRow } from './kpis.rules';

const at = (local: string) => new Date(`${local}+08:00`);
const clock = (dueAt: string, metAt: string | null): SlaClock => ({
  milestone: 'COMPLETED_WITH_FEEDBACK',
  dueAt: at(dueAt).toISOString(),
  warnedAt: null,
  breachedAt: null,
  metAt: metAt ? at(metAt).toISOString() : null,
});
const row = (overrides: Partial<KpiRow>): KpiRow => ({
  status: 'SUBMITTED',
  categoryCode: 'LEAK',
  channel: 'GRID_QR',
  responseLevel: null,
  proactive: false,
  reopenCount: 0,
  rating: null,
  sla: [],
  reportedAt: at('2026-11-02T09:00'),
  acknowledgedAt: null,
  resolvedAt: null,
  everResolved: false,
  ...overrides,
});

const rows: KpiRow[] = [
  // On time, rated fixed 5, acknowledged after 10 min, resolved after 2 h.
  row({
    status: 'CLOSED', responseLevel: 'L2_ROUTINE', rating: { score: 5, fixed: true }, everResolved: true,
    acknowledgedAt: at('2026-11-02T09:10'), resolvedAt: at('2026-11-02T11:00'), sla: [clock('2026-11-09T00:00', '2026-11-02T11:00')],
  }),
  // Late, rated 2 not fixed once (reopened), then resolved again after 4 h; from the 12345 hotline.
  row({
    status: 'RESOLVED', responseLevel: 'L2_ROUTINE', channel: 'HOTLINE_12345', reopenCount: 1, everResolved: true,
    rating: { score: 2, fixed: false }, acknowledgedAt: at('2026-11-02T09:30'), resolvedAt: at('2026-11-02T13:00'),
    sla: [clock('2026-11-02T12:00', '2026-11-02T13:00')],
  }),
  // Found on patrol, still in progress.
  row({ status: 'IN_PROGRESS', channel: 'PATROL', proactive: true, categoryCode: 'SAFETY', acknowledgedAt: at('2026-11-02T09:20') }),
  // A duplicate, merged away; from the hotline in October.
  row({ status: 'MERGED', channel: 'HOTLINE_12345', reportedAt: at('2026-10-31T23:30') }),
];

describe('ticket KPIs', () => {
  const report = computeKpis(rows, { areaPath: '/310117/', from: '2026-10-01T00:00:00+08:00', to: '2026-12-01T00:00:00+08:00' });

  it('counts by status, category and channel', () => {
    expect(report.total).toBe(4);
    expect(report.byStatus).toEqual({ CLOSED: 1, RESOLVED: 1, IN_PROGRESS: 1, MERGED: 1 });
    expect(report.byCategory).toEqual({ LEAK: 3, SAFETY: 1 });
    expect(report.byChannel).toEqual({ GRID_QR: 1, HOTLINE_12345: 2, PATROL: 1 });
  });

  it('computes the on-time rate per level from the deadlines met', () => {
    expect(report.onTimeRateByLevel).toEqual({ L2_ROUTINE: 0.5 });
  });

  it('computes mean and p90 time to acknowledge and to resolve', () => {
    expect(report.minutesToAcknowledge).toEqual({ mean: 20, p90: 30, count: 3 });
    expect(report.hoursToResolve).toEqual({ mean: 3, p90: 4, count: 2 });
  });

  it('computes satisfaction, reopen rate, closed-loop rate and the proactive share', () => {
    expect(report.satisfaction).toEqual({ meanScore: 3.5, fixedShare: 0.5, rated: 2 });
    expect(report.reopenRate).toBe(0.5);
    // Accepted: the three not merged; closed loop: the one closed.
    expect(report.closedLoopRate).toBe(0.3333);
    expect(report.proactiveShare).toBe(0.25);
  });

  it('follows the 12345 trend by Shanghai month', () => {
    expect(report.hotlineByMonth).toEqual({ '2026-10': 1, '2026-11': 1 });
  });

  it('answers nulls, not zeros or NaN, for an empty period', () => {
    const empty = computeKpis([], { areaPath: '/310117/', from: 'a', to: 'b' });
    expect(empty).toMatchObject({ total: 0, reopenRate: null, closedLoopRate: null, proactiveShare: null, minutesToAcknowledge: { mean: null, count: 0 } });
  });
});
