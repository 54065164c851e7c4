import { createHmac } from 'node:crypto';

/** When each attempt is due, counted from the event: 0, 1 min, 5 min, 30 min, 2 h, 6 h, 24 h; then dead letter. */
export const RETRY_SCHEDULE_MS: readonly number[] = [0, 60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 86_400_000];

/**
 * The next attempt after `attempts` failed ones, or null when the schedule is spent or the next slot falls
 * after the delivery's time-to-live (dead letter): a stale event is worse than none.
 */
export function nextAttemptAt(firstAt: Date, attempts: number, ttlMs = Infinity): Date | null {
  if (attempts >= RETRY_SCHEDULE_MS.length || RETRY_SCHEDULE_MS[attempts] > ttlMs) return null;
  return new Date(firstAt.getTime() + RETRY_SCHEDULE_MS[attempts]);
}

/** A delivery still pending past its time-to-live is dead-lettered unsent. */
export function expired(firstAt: Date, now: Date, ttlMs: number): boolean {
  return now.getTime() - firstAt.getTime() > ttlMs;
}

/** `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${body}`), so a receiver can check origin and freshness. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
