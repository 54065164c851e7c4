import type { ResponseLevel } from '@gov/contracts-tickets';

/** Asia/Shanghai has no daylight saving: local time is UTC+8 all year. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The local (Asia/Shanghai) calendar date of an instant, as YYYY-MM-DD. */
export function localDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a local date starts (00:00 Asia/Shanghai). */
export function startOfLocalDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS);
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * A district's working calendar: Monday to Friday, minus public holidays, plus the weekend days the State
 * Council moves work onto (调休). Dates are local YYYY-MM-DD.
 */
export class WorkingCalendar {
  private readonly holidays: ReadonlySet<string>;
  private readonly workingWeekends: ReadonlySet<string>;

  constructor(config: { holidays?: readonly string[]; workingWeekends?: readonly string[] } = {}) {
    this.holidays = new Set(config.holidays ?? []);
    this.workingWeekends = new Set(config.workingWeekends ?? []);
  }

  isWorkingDay(date: string): boolean {
    if (this.workingWeekends.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00.000Z`).getUTCDay();
    return weekday >= 1 && weekday <= 5;
  }

  /**
   * The end of the n-th working day after the day of `from` (the day of receipt does not count), as the
   * instant the next local day starts. [design assumption: the common reading of "within n working days"]
   */
  addWorkingDays(from: Date, days: number): Date {
    let date = localDate(from);
    let counted = 0;
    while (counted < days) {
      date = nextDate(date);
      if (this.isWorkingDay(date)) counted++;
    }
    return startOfLocalDay(nextDate(date));
  }
}

export type Milestone = 'ON_SITE' | 'CONTROLLED' | 'REVISIT' | 'COMPLETED_WITH_FEEDBACK' | 'PLAN_AGREED';

interface MilestoneRule {
  milestone: Milestone;
  /** Minutes on the wall clock, working days on the district calendar, or calendar days. */
  offset: { minutes: number } | { workingDays: number } | { calendarDays: number };
  /** Waiting for the resident or a deferral does not stop this clock (being on site for an emergency). */
  neverPauses?: boolean;
}

/** Three-level response (三级响应, Xiangdong): the default limits of each level. */
export const SLA_POLICY: Readonly<Record<ResponseLevel, readonly MilestoneRule[]>> = {
  L1_URGENT: [
    { milestone: 'ON_SITE', offset: { minutes: 30 }, neverPauses: true },
    { milestone: 'CONTROLLED', offset: { minutes: 120 } },
    { milestone: 'REVISIT', offset: { minutes: 24 * 60 } },
  ],
  L2_ROUTINE: [{ milestone: 'COMPLETED_WITH_FEEDBACK', offset: { workingDays: 5 } }],
  // "A plan from a joint meeting within two weeks" [design assumption: calendar days].
  L3_COMPLEX: [{ milestone: 'PLAN_AGREED', offset: { calendarDays: 14 } }],
};

export interface Deadline {
  milestone: Milestone;
  dueAt: Date;
}

/** Deadlines of a ticket reported at `reportedAt`, pushed back by the time its clock was paused. */
export function deadlines(level: ResponseLevel, reportedAt: Date, calendar: WorkingCalendar, pausedMs = 0): Deadline[] {
  return SLA_POLICY[level].map((rule) => {
    let due: Date;
    if ('minutes' in rule.offset) due = new Date(reportedAt.getTime() + rule.offset.minutes * 60_000);
    else if ('workingDays' in rule.offset) due = calendar.addWorkingDays(reportedAt, rule.offset.workingDays);
    else due = new Date(reportedAt.getTime() + rule.offset.calendarDays * DAY_MS);
    const shift = rule.neverPauses ? 0 : pausedMs;
    return { milestone: rule.milestone, dueAt: new Date(due.getTime() + shift) };
  });
}

export type ClockState = 'ON_TIME' | 'WARNING' | 'BREACHED';

/** Where a clock stands at `now`: a warning once `warnShare` of the allowed time has gone. */
export function clockState(startedAt: Date, dueAt: Date, now: Date, warnShare = 0.75): ClockState {
  if (now.getTime() > dueAt.getTime()) return 'BREACHED';
  const allowed = dueAt.getTime() - startedAt.getTime();
  return now.getTime() - startedAt.getTime() >= allowed * warnShare ? 'WARNING' : 'ON_TIME';
}
