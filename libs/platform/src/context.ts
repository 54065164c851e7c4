import { AsyncLocalStorage } from 'node:async_hooks';
import type { Actor } from '@gov/contracts-core';

/** What travels with one request or one consumed message. */
export interface CallContext {
  readonly correlationId: string;
  readonly actor?: Actor;
  readonly subject?: string;
}

const storage = new AsyncLocalStorage<CallContext>();

export function runInContext<T>(context: CallContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): CallContext | undefined {
  return storage.getStore();
}
