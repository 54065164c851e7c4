import { spawn, type ChildProcess } from 'node:child_process';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { RpcClient, streamName } from '@gov/platform';
import { TestDatabases } from './databases';
import { EventSpy } from './event-spy';
import { uniquePrefix } from './service-under-test';

function run(entry: string, env: Record<string, string>, waitFor?: RegExp): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(process.execPath, ['tools/run.mjs', entry], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (waitFor?.test(output)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => (code === 0 && !waitFor ? resolve() : reject(new Error(`${entry} exited with ${code}:\n${output}`))));
  });
  return { child, ready };
}

export interface ProcessServiceUnderTest {
  prefix: string;
  natsUrl: string;
  databaseUrl: string;
  client: RpcClient;
  spy: EventSpy;
  nc: NatsConnection;
  /** Kills the process without warning (SIGKILL): no graceful shutdown, transactions in flight are lost. */
  kill(): Promise<void>;
  /** Starts the service again on the same database and prefix. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs a service as its own process, as it runs in production: a fresh database migrated by the service's
 * migrate entry point, then its main, under a subject prefix of its own. For flow tests across services.
 */
export async function bootServiceProcess(spec: {
  service: string;
  main: string;
  migrate: string;
  /** Share another service's subject prefix, so both answer the same clients. */
  prefix?: string;
  /** Extra environment for the service. */
  env?: Record<string, string>;
}): Promise<ProcessServiceUnderTest> {
  const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const natsUrl = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
  const databases = new TestDatabases(adminUrl);
  const database = await databases.create(spec.service);
  const prefix = spec.prefix ?? uniquePrefix();
  const env = { DATABASE_URL: database.url, NATS_URL: natsUrl, NATS_SUBJECT_PREFIX: prefix, LOG_LEVEL: 'info', ...spec.env };
  await run(spec.migrate, env).ready;
  let service = run(spec.main, env, /is listening on NATS/);
  await service.ready;
  const ended = (child: ChildProcess) => (child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve)));
  const nc = await connect({ servers: natsUrl, name: `test-process-${spec.service}` });
  const spy = new EventSpy(nc, prefix);
  return {
    prefix,
    natsUrl,
    client: new RpcClient(nc, { prefix, timeoutMs: 10_000 }),
    spy,
    nc,
    databaseUrl: database.url,
    async kill() {
      const exited = ended(service.child);
      service.child.kill('SIGKILL');
      await exited;
    },
    async restart() {
      service = run(spec.main, env, /is listening on NATS/);
      await service.ready;
    },
    async stop() {
      spy.stop();
      const exited = ended(service.child);
      service.child.kill('SIGTERM');
      await exited;
      // Its own stream; and every stream under the prefix when the prefix is its own (events published for it).
      const jsm = await jetstreamManager(nc);
      const own = spec.prefix ? streamName(prefix, spec.service) : streamName(prefix, '');
      for await (const stream of jsm.streams.list()) {
        if (spec.prefix ? stream.config.name === own : stream.config.name.startsWith(own)) await jsm.streams.delete(stream.config.name);
      }
      await nc.close();
      await databases.drop(database.name);
    },
  };
}
