import { clockState, deadlines, dueAlerts, finishedLate, isOverdue, localDate, meet, nextCheck, pushBack, startClocks, WorkingCalendar } from './sla.rules';

// A district calendar as an operator would configure it: National Day 1–7 Oct 2026 off, with Sunday
// 27 Sep and Saturday 10 Oct 2026 made working days (调休). (Test data, not the official arrangement.)
const calendar = new WorkingCalendar({
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  workingWeekends: ['2026-09-27', '2026-10-10'],
});
const shanghai = (local: string) => new Date(`${local}+08:00`);

describe('working calendar', () => {
  it.each([
    ['2026-11-20', true, 'a Friday'],
    ['2026-11-21', false, 'a Saturday'],
    ['2026-11-22', false, 'a Sunday'],
    ['2026-10-01', false, 'a holiday on a weekday'],
    ['2026-09-27', true, 'an adjusted working Sunday'],
    ['2026-10-10', true, 'an adjusted working Saturday'],
  ])('%s is a working day: %s (%s)', (date, working) => expect(calendar.isWorkingDay(date)).toBe(working));

  it('uses Shanghai dates, not UTC ones', () => {
    expect(localDate(new Date('2026-11-20T17:30:00Z'))).toBe('2026-11-21');
  });

  it.each([
    // received → end of the 5th working day after the day of receipt
    ['2026-11-16T10:00', '2026-11-24T00:00', 'Monday to Monday: plain week'],
    ['2026-11-19T15:00', '2026-11-27T00:00', 'Thursday: across a weekend'],
    ['2026-11-21T09:00', '2026-11-28T00:00', 'received on a Saturday: counting starts Monday'],
    ['2026-09-29T09:00', '2026-10-13T00:00', '30 Sep, then 8, 9, 10 (adjusted Saturday) and 12 Oct'],
    ['2026-09-25T09:00', '2026-10-09T00:00', '27 Sep (adjusted Sunday) to 30 Sep, then 8 Oct after the holiday'],
  ])('5 working days from %s end at %s (%s)', (received, due) => {
    expect(calendar.addWorkingDays(shanghai(received), 5)).toEqual(shanghai(due));
  });
});

describe('SLA deadlines per level', () => {
  const reported = shanghai('2026-11-19T15:00');

  it('L1: on site in 30 min, under control in 2 h, revisit in 24 h', () => {
    expect(deadlines('L1_URGENT', reported, calendar).map((d) => [d.milestone, d.dueAt])).toEqual([
      ['ON_SITE', shanghai('2026-11-19T15:30')],
      ['CONTROLLED', shanghai('2026-11-19T17:00')],
      ['REVISIT', shanghai('2026-11-20T15:00')],
    ]);
  });

  it('L1: waiting pauses every clock but being on site', () => {
    const paused = deadlines('L1_URGENT', reported, calendar, 60 * 60_000);
    expect(paused[0].dueAt).toEqual(shanghai('2026-11-19T15:30'));
    expect(paused[1].dueAt).toEqual(shanghai('2026-11-19T18:00'));
  });

  it('L2: finished with feedback within 5 working days', () => {
    expect(deadlines('L2_ROUTINE', reported, calendar)).toEqual([{ milestone: 'COMPLETED_WITH_FEEDBACK', dueAt: shanghai('2026-11-27T00:00') }]);
  });

  it('L3: a plan from a joint meeting within two weeks', () => {
    expect(deadlines('L3_COMPLEX', reported, calendar)[0].dueAt).toEqual(shanghai('2026-12-03T15:00'));
  });
});

describe('clock state (time injected)', () => {
  const start = shanghai('2026-11-19T15:00');
  const due = shanghai('2026-11-19T15:40');
  it.each([
    ['2026-11-19T15:10', 'ON_TIME'],
    ['2026-11-19T15:30', 'WARNING'],
    ['2026-11-19T15:40', 'WARNING'],
    ['2026-11-19T15:41', 'BREACHED'],
  ])('at %s the clock is %s', (now, state) => expect(clockState(start, due, shanghai(now))).toBe(state));
});

describe('clock bookkeeping on a ticket (time injected)', () => {
  const reported = shanghai('2026-11-19T15:00');
  const l1 = startClocks('L1_URGENT', reported, calendar);

  it('warns at 75% of the allowed time, breaches after the deadline, each once', () => {
    const early = dueAlerts(l1, reported, shanghai('2026-11-19T15:10'));
    expect(early.warned).toEqual([]);
    const warn = dueAlerts(l1, reported, shanghai('2026-11-19T15:23'));
    expect(warn.warned.map((c) => c.milestone)).toEqual(['ON_SITE']);
    expect(dueAlerts(warn.clocks, reported, shanghai('2026-11-19T15:24')).warned).toEqual([]);
    const breach = dueAlerts(warn.clocks, reported, shanghai('2026-11-19T15:31'));
    expect(breach.breached.map((c) => c.milestone)).toEqual(['ON_SITE']);
    expect(isOverdue(breach.clocks)).toBe(true);
    expect(dueAlerts(breach.clocks, reported, shanghai('2026-11-19T15:32')).breached).toEqual([]);
  });

  it('a met clock neither warns nor breaches, and tells whether it finished late', () => {
    const met = meet(l1, ['ON_SITE'], shanghai('2026-11-19T15:20'));
    expect(dueAlerts(met, reported, shanghai('2026-11-19T15:45')).breached.map((c) => c.milestone)).toEqual([]);
    expect(finishedLate(met, true)).toBe(false);
    expect(finishedLate(meet(l1, ['ON_SITE'], shanghai('2026-11-19T15:40')), true)).toBe(true);
    expect(finishedLate(met, false)).toBeNull();
  });

  it('a pause pushes back the clocks that pause, never being on site', () => {
    const pushed = pushBack(l1, 3_600);
    expect(pushed.map((c) => c.dueAt)).toEqual([
      shanghai('2026-11-19T15:30').toISOString(),
      shanghai('2026-11-19T18:00').toISOString(),
      shanghai('2026-11-20T16:00').toISOString(),
    ]);
  });

  it('knows when to look next: the earliest pending warning, then the deadline', () => {
    expect(nextCheck(l1, reported)).toEqual(shanghai('2026-11-19T15:22:30'));
    const warned = dueAlerts(l1, reported, shanghai('2026-11-19T15:23')).clocks;
    expect(nextCheck(warned.slice(0, 1), reported)?.getTime()).toBe(shanghai('2026-11-19T15:30').getTime() + 1);
    expect(nextCheck(meet(l1, ['ON_SITE', 'CONTROLLED', 'REVISIT'], reported), reported)).toBeNull();
  });
});
