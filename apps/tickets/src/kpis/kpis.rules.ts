import type { KpiReport, SlaClock, TicketStatus } from '@gov/contracts-tickets';
import { finishedLate, localDate } from '../sla/sla.rules';

/** What the KPIs need of one ticket. */
export interface KpiRow {
  status: TicketStatus;
  categoryCode: string | null;
  channel: string;
  responseLevel: string | null;
  proactive: boolean;
  reopenCount: number;
  rating: { score: number; fixed: boolean } | null;
  sla: SlaClock[];
  reportedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  /** Resolved at some point, even if reopened or closed since. */
  everResolved: boolean;
}

const NOT_ACCEPTED: readonly TicketStatus[] = ['MERGED', 'CANCELLED', 'REJECTED'];

function tally(values: (string | null)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value ?? 'NONE'] = (counts[value ?? 'NONE'] ?? 0) + 1;
  return counts;
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

function stat(values: number[]) {
  if (values.length === 0) return { mean: null, p90: null, count: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  const p90 = sorted[Math.min(sorted.length - 1, Math.ceil(0.9 * sorted.length) - 1)];
  return { mean: Math.round(mean * 100) / 100, p90: Math.round(p90 * 100) / 100, count: sorted.length };
}

/** The KPIs of a set of tickets (pure, so every figure is tested by hand-made rows). */
export function computeKpis(rows: readonly KpiRow[], scope: { areaPath: string; from: string; to: string }): KpiReport {
  const accepted = rows.filter((row) => !NOT_ACCEPTED.includes(row.status));
  const resolved = accepted.filter((row) => row.everResolved);
  const resolvedNow = resolved.filter((row) => row.resolvedAt);
  const rated = rows.filter((row) => row.rating);
  const levels = [...new Set(resolvedNow.map((row) => row.responseLevel).filter((level): level is string => Boolean(level)))];
  return {
    ...scope,
    total: rows.length,
    byStatus: tally(rows.map((row) => row.status)),
    byCategory: tally(rows.map((row) => row.categoryCode)),
    byChannel: tally(rows.map((row) => row.channel)),
    onTimeRateByLevel: Object.fromEntries(
      levels.map((level) => {
        const ofLevel = resolvedNow.filter((row) => row.responseLevel === level);
        return [level, share(ofLevel.filter((row) => finishedLate(row.sla, true) === false).length, ofLevel.length)];
      }),
    ),
    minutesToAcknowledge: stat(
      rows.filter((row) => row.acknowledgedAt).map((row) => (row.acknowledgedAt!.getTime() - row.reportedAt.getTime()) / 60_000),
    ),
    hoursToResolve: stat(resolvedNow.map((row) => (row.resolvedAt!.getTime() - row.reportedAt.getTime()) / 3_600_000)),
    satisfaction: {
      meanScore: rated.length ? Math.round((rated.reduce((sum, row) => sum + row.rating!.score, 0) / rated.length) * 100) / 100 : null,
      fixedShare: share(rated.filter((row) => row.rating!.fixed).length, rated.length),
      rated: rated.length,
    },
    reopenRate: share(resolved.filter((row) => row.reopenCount > 0).length, resolved.length),
    closedLoopRate: share(accepted.filter((row) => row.status === 'RATED' || row.status === 'CLOSED').length, accepted.length),
    proactiveShare: share(rows.filter((row) => row.proactive).length, rows.length),
    hotlineByMonth: tally(rows.filter((row) => row.channel === 'HOTLINE_12345').map((row) => localDate(row.reportedAt).slice(0, 7))),
  };
}
