import { afterVisit, DEFAULT_VISIT_DAYS, nextCareCheck, overdueNow, reschedule, statusOf, type ScheduleEntry } from './care.rules';

const DAY = 86_400_000;
const t0 = new Date('2026-11-01T08:00:00Z');
const at = (days: number) => new Date(t0.getTime() + days * DAY);

describe('care visit schedule rules', () => {
  it.each([
    // stream, colour, days between visits
    ['RC_FOLLOW_UP', 'RED', 7],
    ['RC_FOLLOW_UP', 'YELLOW', 30],
    ['RC_FOLLOW_UP', 'GREEN', 90],
    ['PAIRED_MEMBER', 'RED', 7],
    ['PAIRED_MEMBER', 'GREEN', 30],
    ['VOLUNTEER_WEEKLY', 'GREEN', 7],
    ['PROPERTY_DAILY_PATROL', 'RED', 1],
  ] as const)('schedules %s for a %s profile every %i days', (stream, colour, days) => {
    const [entry] = reschedule([], [stream], colour, DEFAULT_VISIT_DAYS, t0);
    expect(entry).toMatchObject({ stream, lastVisitAt: null, dueAt: at(days).toISOString() });
  });

  it.each([
    // days after start of a 7-day interval (due at day 7) → status
    [0, 'SCHEDULED'],
    [5.9, 'SCHEDULED'],
    [6, 'DUE'],
    [7, 'DUE'],
    [7.001, 'OVERDUE'],
    [30, 'OVERDUE'],
  ] as const)('a weekly stream %s days in is %s', (days, status) => {
    expect(statusOf({ dueAt: at(7).toISOString() }, 7 * DAY, at(days))).toBe(status);
  });

  it('a visit schedules the next one interval later; an older, late-recorded visit changes nothing', () => {
    const schedule = reschedule([], ['RC_FOLLOW_UP', 'PAIRED_MEMBER'], 'RED', DEFAULT_VISIT_DAYS, t0);
    const visited = afterVisit(schedule, 'RC_FOLLOW_UP', at(5), 'RED', DEFAULT_VISIT_DAYS);
    expect(visited[0]).toMatchObject({ lastVisitAt: at(5).toISOString(), dueAt: at(12).toISOString() });
    expect(visited[1]).toBe(schedule[1]);
    expect(afterVisit(visited, 'RC_FOLLOW_UP', at(3), 'RED', DEFAULT_VISIT_DAYS)).toEqual(visited);
  });

  it('a new colour reschedules from the last visit; new streams start now, dropped ones go', () => {
    const schedule = afterVisit(reschedule([], ['RC_FOLLOW_UP'], 'GREEN', DEFAULT_VISIT_DAYS, t0), 'RC_FOLLOW_UP', at(2), 'GREEN', DEFAULT_VISIT_DAYS);
    expect(schedule[0].dueAt).toBe(at(92).toISOString());
    const red = reschedule(schedule, ['RC_FOLLOW_UP', 'VOLUNTEER_WEEKLY'], 'RED', DEFAULT_VISIT_DAYS, at(4));
    expect(red).toEqual([
      { stream: 'RC_FOLLOW_UP', lastVisitAt: at(2).toISOString(), dueAt: at(9).toISOString(), overdueNotifiedFor: null },
      { stream: 'VOLUNTEER_WEEKLY', lastVisitAt: null, dueAt: at(11).toISOString(), overdueNotifiedFor: null },
    ]);
    expect(reschedule(red, ['VOLUNTEER_WEEKLY'], 'RED', DEFAULT_VISIT_DAYS, at(4)).map((e) => e.stream)).toEqual(['VOLUNTEER_WEEKLY']);
  });

  it('reports each overdue due time once, and the next check skips what was reported', () => {
    const schedule: ScheduleEntry[] = reschedule([], ['RC_FOLLOW_UP', 'PAIRED_MEMBER'], 'RED', DEFAULT_VISIT_DAYS, t0);
    expect(nextCareCheck(schedule)).toEqual(at(7));
    expect(overdueNow(schedule, at(7)).overdue).toEqual([]);
    const first = overdueNow(schedule, at(8));
    expect(first.overdue.map((e) => e.stream)).toEqual(['RC_FOLLOW_UP', 'PAIRED_MEMBER']);
    expect(overdueNow(first.schedule, at(9)).overdue).toEqual([]);
    expect(nextCareCheck(first.schedule)).toBeNull();
    const visited = afterVisit(first.schedule, 'PAIRED_MEMBER', at(9), 'RED', DEFAULT_VISIT_DAYS);
    expect(nextCareCheck(visited)).toEqual(at(16));
  });
});
