import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import type { EntityManager } from '@mikro-orm/sql';
import { RpcClient, runMigrations, startService, streamName, type RunningService, type ServiceSpec } from '@gov/platform';
import { TestDatabases } from './databases';
import { EventSpy } from './event-spy';

export interface ServiceUnderTest {
  service: RunningService;
  client: RpcClient;
  spy: EventSpy;
  nc: NatsConnection;
  prefix: string;
  databaseUrl: string;
  env: Record<string, string>;
  /** A fresh EntityManager, to check what was really stored. */
  em(): EntityManager;
  /** Stops the service (it can be started again with `restart`). */
  restart(): Promise<RunningService>;
  stop(): Promise<void>;
}

/** A subject prefix of its own per test file, so parallel files and a running dev stack never cross. */
export function uniquePrefix(): string {
  return `t${randomBytes(4).toString('hex')}.`;
}

/**
 * Boots a service for an integration test: a database of its own with the real migrations applied, a NATS
 * subject prefix of its own, the real NestJS microservice, a typed client and an event spy. `stop()` drops
 * the database and deletes the streams the run created.
 */
export async function bootService(
  spec: ServiceSpec,
  options: { env?: Record<string, string>; /** Share another service's prefix, so the two talk. */ prefix?: string } = {},
): Promise<ServiceUnderTest> {
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const natsUrl = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
  const databases = new TestDatabases(adminUrl);
  const database = await databases.create(spec.service);
  const prefix = options.prefix ?? uniquePrefix();
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    NATS_URL: natsUrl,
    NATS_SUBJECT_PREFIX: prefix,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DB_POOL_MAX: '5',
    SHUTDOWN_GRACE_MS: '0',
    ...options.env,
  };
  await runMigrations(spec, env);
  let service = await startService(spec, env);
  const nc = await connect({ servers: natsUrl, name: `test-${spec.service}` });
  const spy = new EventSpy(nc, prefix);
  const client = new RpcClient(nc, { prefix, timeoutMs: 10_000 });
  return {
    get service() {
      return service;
    },
    client,
    spy,
    nc,
    prefix,
    databaseUrl: database.url,
    env,
    em: () => service.orm.em.fork(),
    async restart() {
      await service.stop();
      service = await startService(spec, env);
      return service;
    },
    async stop() {
      spy.stop();
      await service.stop();
      const jsm = await jetstreamManager(nc);
      const head = streamName(prefix, '');
      for await (const stream of jsm.streams.list()) {
        if (stream.config.name.startsWith(head)) await jsm.streams.delete(stream.config.name);
      }
      await nc.close();
      await databases.drop(database.name);
    },
  };
}
