import { sqlArray } from '@gov/platform';
import { publicationShortfall } from '../notices/notice.rules';
import { channelsFor, decide, DEFAULT_PREFS, quietUntil, type PersonPrefs } from './dispatch.rules';

/** 2026-11-20 at a Shanghai wall-clock time (UTC+8). */
const local = (hhmm: string) => new Date(`2026-11-20T${hhmm}:00+08:00`);

describe('dispatch rules: channels, quiet hours, throttling', () => {
  it.each([
    // quiet hours, local time now → held until (local), or null
    [{ start: '22:00', end: '07:00' }, '23:30', '2026-11-21T07:00:00+08:00'],
    [{ start: '22:00', end: '07:00' }, '02:15', '2026-11-20T07:00:00+08:00'],
    [{ start: '22:00', end: '07:00' }, '07:00', null],
    [{ start: '22:00', end: '07:00' }, '21:59', null],
    [{ start: '12:00', end: '14:00' }, '13:00', '2026-11-20T14:00:00+08:00'],
    [{ start: '12:00', end: '14:00' }, '14:30', null],
    [null, '03:00', null],
  ] as const)('quiet hours %j at %s hold until %s', (quiet, now, until) => {
    const held = quietUntil(quiet, local(now));
    expect(held?.getTime() ?? null).toBe(until ? Date.parse(until) : null);
  });

  const prefs = (overrides: Partial<PersonPrefs> = {}): PersonPrefs => ({ ...DEFAULT_PREFS, ...overrides });
  const base = { optedOut: false, reach: { hasAccount: true, phone: '13800000000' }, emergency: false, sentInWindow: 0, throttlePerHour: 10, now: local('23:00') };

  it.each([
    // case, input overrides, expected status, reason
    ['in-app lands in the inbox, quiet hours or not', { channel: 'IN_APP', prefs: prefs({ quietHours: { start: '22:00', end: '07:00' } }) }, 'DELIVERED', null],
    ['in-app needs an account', { channel: 'IN_APP', reach: { hasAccount: false } }, 'SUPPRESSED', 'NO_CONTACT'],
    ['SMS goes to the register phone', { channel: 'SMS' }, 'QUEUED', null],
    ['SMS waits out quiet hours', { channel: 'SMS', prefs: prefs({ quietHours: { start: '22:00', end: '07:00' } }) }, 'QUEUED', 'QUIET_HOURS'],
    ['an emergency ignores quiet hours', { channel: 'SMS', emergency: true, prefs: prefs({ quietHours: { start: '22:00', end: '07:00' } }) }, 'QUEUED', null],
    ['WeChat without an open id', { channel: 'WECHAT' }, 'SUPPRESSED', 'NO_CONTACT'],
    ['e-mail to the address given', { channel: 'EMAIL', prefs: prefs({ contacts: { email: 'a@example.org' } }) }, 'QUEUED', null],
    ['opted out', { channel: 'SMS', optedOut: true }, 'SUPPRESSED', 'OPTED_OUT'],
    ['over the hourly limit', { channel: 'IN_APP', sentInWindow: 10 }, 'THROTTLED', 'more than 10 an hour'],
    ['an emergency is never throttled', { channel: 'IN_APP', sentInWindow: 10, emergency: true }, 'DELIVERED', null],
  ] as const)('%s', (_case, overrides, status, reason) => {
    const decision = decide({ ...base, prefs: prefs(), ...overrides } as Parameters<typeof decide>[0]);
    expect([decision.status, decision.reason]).toEqual([status, reason]);
    if (reason === 'QUIET_HOURS') expect(decision.notBefore).toEqual(new Date('2026-11-21T07:00:00+08:00'));
  });

  it('adds channels the person chose and marks the ones they turned off', () => {
    const chosen = prefs({
      channels: [
        { type: 'NOTICE_PUBLISHED', channel: 'EMAIL', enabled: true },
        { type: 'NOTICE_PUBLISHED', channel: 'WECHAT', enabled: false },
        { type: 'TICKET_ACKNOWLEDGED', channel: 'SMS', enabled: true },
      ],
    });
    expect(channelsFor('NOTICE_PUBLISHED', ['IN_APP', 'WECHAT'], chosen)).toEqual([
      { channel: 'IN_APP', optedOut: false },
      { channel: 'WECHAT', optedOut: true },
      { channel: 'EMAIL', optedOut: false },
    ]);
  });

  it.each([
    ['VILLAGE_AFFAIRS', 30, null],
    ['VILLAGE_AFFAIRS', 29.9, { minDays: 30 }],
    ['VILLAGE_AFFAIRS', null, { minDays: 30 }],
    ['ELECTION', 7, null],
    ['GENERAL', null, null],
  ] as const)('a %s notice up for %s days falls short by %j', (kind, days, shortfall) => {
    const from = local('09:00');
    const until = days === null ? null : new Date(from.getTime() + days * 86_400_000);
    expect(publicationShortfall(kind, from, until)).toEqual(shortfall);
  });

  it('writes PostgreSQL array literals, quoting what needs it', () => {
    expect(sqlArray(['a', 'b"c', 'd\\e', null])).toBe('{"a","b\\"c","d\\\\e",NULL}');
    expect(sqlArray([])).toBe('{}');
  });
});
