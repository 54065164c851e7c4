import type { CareRiskColour, CareVisitStatus, VisitStream } from '@gov/contracts-tickets';

const DAY = 86_400_000;

/**
 * Days between visits, per stream and care-risk colour. The sources name the streams (Minyi's daily property
 * patrol, RC follow-up, weekly volunteers; paired party members) but give no frequencies by colour, so these
 * are a [design assumption], overridable per deployment with CARE_VISIT_DAYS.
 */
export const DEFAULT_VISIT_DAYS: Record<VisitStream, Record<CareRiskColour, number>> = {
  PROPERTY_DAILY_PATROL: { RED: 1, YELLOW: 1, GREEN: 1 },
  RC_FOLLOW_UP: { RED: 7, YELLOW: 30, GREEN: 90 },
  VOLUNTEER_WEEKLY: { RED: 7, YELLOW: 7, GREEN: 7 },
  PAIRED_MEMBER: { RED: 7, YELLOW: 14, GREEN: 30 },
};

export type VisitDays = Record<VisitStream, Record<CareRiskColour, number>>;

export interface ScheduleEntry {
  stream: VisitStream;
  /** ISO instant the next visit is due. */
  dueAt: string;
  lastVisitAt: string | null;
  /** The due time an overdue event already went out for (once per due time). */
  overdueNotifiedFor?: string | null;
}

export function intervalMs(days: VisitDays, stream: VisitStream, colour: CareRiskColour): number {
  return days[stream][colour] * DAY;
}

/** A stream is DUE in the last seventh of its interval (a day of a week), OVERDUE once its time has passed. */
export function statusOf(entry: Pick<ScheduleEntry, 'dueAt'>, interval: number, now: Date): CareVisitStatus {
  const due = Date.parse(entry.dueAt);
  if (now.getTime() > due) return 'OVERDUE';
  return now.getTime() >= due - interval / 7 ? 'DUE' : 'SCHEDULED';
}

/**
 * The schedule after a profile is created or changed: streams kept keep their last visit and are due one
 * (new) interval after it, or after `since` when never visited; new streams start from `since`; dropped
 * streams go.
 */
export function reschedule(
  previous: readonly ScheduleEntry[],
  streams: readonly VisitStream[],
  colour: CareRiskColour,
  days: VisitDays,
  since: Date,
): ScheduleEntry[] {
  return streams.map((stream) => {
    const kept = previous.find((entry) => entry.stream === stream);
    const from = kept?.lastVisitAt ? Date.parse(kept.lastVisitAt) : since.getTime();
    const dueAt = new Date(from + intervalMs(days, stream, colour)).toISOString();
    return { stream, dueAt, lastVisitAt: kept?.lastVisitAt ?? null, overdueNotifiedFor: kept?.overdueNotifiedFor ?? null };
  });
}

/** A visit at `at`: the stream is next due one interval later (a late record of an older visit changes nothing). */
export function afterVisit(schedule: readonly ScheduleEntry[], stream: VisitStream, at: Date, colour: CareRiskColour, days: VisitDays): ScheduleEntry[] {
  return schedule.map((entry) => {
    if (entry.stream !== stream) return entry;
    if (entry.lastVisitAt && Date.parse(entry.lastVisitAt) >= at.getTime()) return entry;
    return { ...entry, lastVisitAt: at.toISOString(), dueAt: new Date(at.getTime() + intervalMs(days, stream, colour)).toISOString() };
  });
}

/** When the sweeper next needs to look at a profile: the earliest due time not yet reported overdue. */
export function nextCareCheck(schedule: readonly ScheduleEntry[]): Date | null {
  const pending = schedule.filter((entry) => entry.overdueNotifiedFor !== entry.dueAt).map((entry) => Date.parse(entry.dueAt));
  return pending.length === 0 ? null : new Date(Math.min(...pending));
}

/** Streams that are overdue at `now` and not yet reported, marked reported. */
export function overdueNow(schedule: readonly ScheduleEntry[], now: Date): { schedule: ScheduleEntry[]; overdue: ScheduleEntry[] } {
  const overdue: ScheduleEntry[] = [];
  const next = schedule.map((entry) => {
    if (Date.parse(entry.dueAt) >= now.getTime() || entry.overdueNotifiedFor === entry.dueAt) return entry;
    overdue.push(entry);
    return { ...entry, overdueNotifiedFor: entry.dueAt };
  });
  return { schedule: next, overdue };
}
