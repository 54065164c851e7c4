import { owningService } from '@gov/contracts-core';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';

const TWO_MINUTES_NS = 2 * 60 * 1_000_000_000;

/** The stream that holds one service's events: PARTY for evt.party.>, T1A2B_PARTY under prefix "t1a2b.". */
export function streamName(prefix: string, service: string): string {
  const head = prefix ? `${prefix.slice(0, -1).replace(/[^A-Za-z0-9_-]/g, '_')}_` : '';
  return `${head}${service}`.toUpperCase();
}

export function streamNameForSubject(prefix: string, eventSubject: string): string {
  return streamName(prefix, owningService(eventSubject));
}

/** Creates (or updates) the stream a service publishes its events to. Idempotent; safe from every replica. */
export async function ensureStream(nc: NatsConnection, prefix: string, service: string, jsm?: JetStreamManager) {
  const manager = jsm ?? (await jetstreamManager(nc));
  const name = streamName(prefix, service);
  const config = { name, subjects: [`${prefix}evt.${service}.>`], duplicate_window: TWO_MINUTES_NS };
  try {
    await manager.streams.info(name);
    await manager.streams.update(name, config);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    await manager.streams.add(config);
  }
  return name;
}

export function isNotFound(error: unknown): boolean {
  const text = String((error as { message?: string })?.message ?? error);
  return /not found/i.test(text);
}
