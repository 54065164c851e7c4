import { clockState, deadlines, localDate, WorkingCalendar } from './sla.rules';

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
