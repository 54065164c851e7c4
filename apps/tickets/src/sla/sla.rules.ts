import type { ResponseLevel, SlaClock } from '@gov/contracts-tickets';

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

/** The local date after `date`. */
export function nextLocalDate(date: string): string {
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
      date = nextLocalDate(date);
      if (this.isWorkingDay(date)) counted++;
    }
    return startOfLocalDay(nextLocalDate(date));
  }
}

export type Milestone = SlaClock['milestone'];

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

/** Clocks that keep running while the ticket waits for the resident or is deferred. */
export const PAUSE_EXEMPT: readonly Milestone[] = ['ON_SITE', 'WHISTLE_ACKNOWLEDGED'];

/** The clocks of a level, started at `from` (the report, or the reopening). */
export function startClocks(level: ResponseLevel, from: Date, calendar: WorkingCalendar): SlaClock[] {
  return deadlines(level, from, calendar).map(({ milestone, dueAt }) => ({
    milestone,
    dueAt: dueAt.toISOString(),
    warnedAt: null,
    breachedAt: null,
    metAt: null,
  }));
}

/** Pushes back every unmet clock that pauses by the time the ticket stood still. */
export function pushBack(clocks: readonly SlaClock[], seconds: number): SlaClock[] {
  return clocks.map((clock) =>
    clock.metAt || PAUSE_EXEMPT.includes(clock.milestone) || seconds <= 0
      ? clock
      : { ...clock, dueAt: new Date(Date.parse(clock.dueAt) + seconds * 1_000).toISOString() },
  );
}

/** Marks the given milestones met at `now` (those not met yet). */
export function meet(clocks: readonly SlaClock[], milestones: readonly Milestone[], now: Date): SlaClock[] {
  return clocks.map((clock) => (!clock.metAt && milestones.includes(clock.milestone) ? { ...clock, metAt: now.toISOString() } : clock));
}

function warnAt(clock: SlaClock, startedAt: Date, warnShare: number): number {
  const due = Date.parse(clock.dueAt);
  return startedAt.getTime() + (due - startedAt.getTime()) * warnShare;
}

/** Which unmet clocks warn and which breach at `now`; each happens once per clock. */
export function dueAlerts(clocks: readonly SlaClock[], startedAt: Date, now: Date, warnShare = 0.75) {
  const warned: SlaClock[] = [];
  const breached: SlaClock[] = [];
  const next = clocks.map((clock) => {
    if (clock.metAt) return clock;
    let updated = clock;
    if (!clock.breachedAt && now.getTime() > Date.parse(clock.dueAt)) {
      updated = { ...updated, breachedAt: now.toISOString() };
      breached.push(updated);
    } else if (!clock.warnedAt && !clock.breachedAt && now.getTime() >= warnAt(clock, startedAt, warnShare)) {
      updated = { ...updated, warnedAt: now.toISOString() };
      warned.push(updated);
    }
    return updated;
  });
  return { clocks: next, warned, breached };
}

/** When the sweeper should look at this ticket next: its earliest pending warning or breach; null if none. */
export function nextCheck(clocks: readonly SlaClock[], startedAt: Date, warnShare = 0.75): Date | null {
  const times = clocks
    .filter((clock) => !clock.metAt && !clock.breachedAt)
    .map((clock) => (clock.warnedAt ? Date.parse(clock.dueAt) + 1 : warnAt(clock, startedAt, warnShare)));
  return times.length ? new Date(Math.min(...times)) : null;
}

export function isOverdue(clocks: readonly SlaClock[]): boolean {
  return clocks.some((clock) => clock.breachedAt && !clock.metAt);
}

export function finishedLate(clocks: readonly SlaClock[], resolved: boolean): boolean | null {
  if (!resolved) return null;
  return clocks.some((clock) => clock.metAt !== null && Date.parse(clock.metAt) > Date.parse(clock.dueAt));
}
