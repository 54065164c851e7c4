import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/sql';
import { DomainError } from '../domain-error';

function hashOf(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

/**
 * Claims an idempotency key inside the caller's transaction. Returns the id created the first time the key
 * was used, or null when this request is the first (call `completeIdempotency` with the new id before
 * commit) or carries no key. The request's own `idempotencyKey` field is not part of its fingerprint. A
 * concurrent request with the same key waits on the row lock and then sees the first result.
 */
export async function claimIdempotency(
  em: EntityManager,
  scope: string,
  key: string | undefined,
  request: object,
  reusedCode: string,
): Promise<string | null> {
  if (!key) return null;
  const { idempotencyKey: _ignored, ...fingerprint } = request as Record<string, unknown>;
  const requestHash = hashOf(fingerprint);
  const inserted = await em.execute(
    'insert into idempotency_record (scope, key, request_hash, result_id, created_at) values (?, ?, ?, null, now()) on conflict do nothing returning scope',
    [scope, key, requestHash],
  );
  if (inserted.length > 0) return null;
  const [prior] = await em.execute<{ request_hash: string; result_id: string | null }[]>(
    'select request_hash, result_id from idempotency_record where scope = ? and key = ?',
    [scope, key],
  );
  if (!prior || prior.request_hash !== requestHash || !prior.result_id) {
    throw new DomainError(reusedCode, 'idempotency key reused with a different request', { idempotencyKey: key });
  }
  return prior.result_id;
}

/** Records what the first request with the key created; nothing to do without a key. */
export async function completeIdempotency(em: EntityManager, scope: string, key: string | undefined, resultId: string) {
  if (!key) return;
  await em.execute('update idempotency_record set result_id = ? where scope = ? and key = ?', [resultId, scope, key]);
}
