import { createHmac } from 'node:crypto';
import { expired, nextAttemptAt, RETRY_SCHEDULE_MS, signature } from './webhook.rules';

describe('webhook retries and signatures', () => {
  const first = new Date('2026-11-20T10:00:00Z');
  it.each([
    [0, '2026-11-20T10:00:00.000Z'],
    [1, '2026-11-20T10:01:00.000Z'],
    [2, '2026-11-20T10:05:00.000Z'],
    [3, '2026-11-20T10:30:00.000Z'],
    [4, '2026-11-20T12:00:00.000Z'],
    [5, '2026-11-20T16:00:00.000Z'],
    [6, '2026-11-21T10:00:00.000Z'],
  ])('after %i failed attempts the next is due at %s', (attempts, due) => {
    expect(nextAttemptAt(first, attempts)?.toISOString()).toBe(due);
  });

  it('dead-letters after the last scheduled attempt', () => {
    expect(nextAttemptAt(first, RETRY_SCHEDULE_MS.length)).toBeNull();
  });

  it.each([
    // time-to-live, failed attempts → next due, or null (dead letter)
    [3 * 3_600_000, 4, '2026-11-20T12:00:00.000Z'],
    [3 * 3_600_000, 5, null],
    [86_400_000, 6, '2026-11-21T10:00:00.000Z'],
    [86_400_000 - 1, 6, null],
  ])('with a time-to-live of %i ms, after %i failures the next is due at %s', (ttl, attempts, due) => {
    expect(nextAttemptAt(first, attempts, ttl)?.toISOString() ?? null).toBe(due);
  });

  it('expires what is still pending after its time-to-live', () => {
    expect(expired(first, new Date('2026-11-20T12:00:00Z'), 2 * 3_600_000)).toBe(false);
    expect(expired(first, new Date('2026-11-20T12:00:01Z'), 2 * 3_600_000)).toBe(true);
  });

  it('signs timestamp and body with HMAC-SHA256', () => {
    const expected = createHmac('sha256', 'shh').update('1700000000.{"a":1}').digest('hex');
    expect(signature('shh', '1700000000', '{"a":1}')).toBe(`sha256=${expected}`);
    expect(signature('other', '1700000000', '{"a":1}')).not.toBe(`sha256=${expected}`);
  });
});
