import { createHmac } from 'node:crypto';

/** When each attempt is due, counted from the event: 0, 1 min, 5 min, 30 min, 2 h, 6 h, 24 h; then dead letter. */
export const RETRY_SCHEDULE_MS: readonly number[] = [0, 60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 86_400_000];

/** The next attempt after `attempts` failed ones, or null when the schedule is spent (dead letter). */
export function nextAttemptAt(firstAt: Date, attempts: number): Date | null {
  if (attempts >= RETRY_SCHEDULE_MS.length) return null;
  return new Date(firstAt.getTime() + RETRY_SCHEDULE_MS[attempts]);
}

/** `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${body}`), so a receiver can check origin and freshness. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
