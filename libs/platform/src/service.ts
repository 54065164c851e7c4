import { Global, Module, type DynamicModule, type INestMicroservice, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { EntityManager, MikroORM } from '@mikro-orm/sql';
import type { Logger } from 'pino';
import type { z } from 'zod';
import { loadConfig, ServiceEnv } from './config';
import { ConsumerRunner, type ConsumerSpec } from './consumer/consumer-runner';
import { HealthServer } from './health/health-server';
import { Metrics } from './health/metrics';
import { ensureStream } from './jetstream';
import { createLogger, NestPinoLogger } from './logging';
import { createOrm, type OrmSpec } from './orm/orm';
import { OutboxRelay } from './outbox/relay';
import { RpcClient } from './rpc/client';
import { RpcErrorFilter, RpcInterceptor } from './rpc/handles';
import { PrefixedNatsServer } from './rpc/nats-server';
import type { EventContract } from '@gov/contracts-core';

/** Injection tokens the platform provides to every service module. */
export const SERVICE_CONFIG = Symbol('gov:service-config');
export const LOGGER = Symbol('gov:logger');
export const NATS = Symbol('gov:nats');

export interface ServiceSpec extends OrmSpec {
  /** The service's root module (its handlers and use cases). */
  module: Type<unknown>;
  /** Extra environment variables the service reads, on top of ServiceEnv. */
  env?: z.ZodObject;
  /** Durable consumers of other services' events; a function of the loaded config when they need settings. */
  consumers?: ConsumerSpec<EventContract>[] | ((config: ServiceEnv & Record<string, unknown>) => ConsumerSpec<EventContract>[]);
  /** Does this service publish events (then its stream is ensured at start)? */
  publishesEvents?: boolean;
}

export interface RunningService {
  readonly name: string;
  readonly config: ServiceEnv & Record<string, unknown>;
  readonly orm: MikroORM;
  readonly nc: NatsConnection;
  readonly app: INestMicroservice;
  readonly relay: OutboxRelay;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly healthPort?: number;
  readonly consumers: ConsumerRunner<EventContract>[];
  stop(): Promise<void>;
}

@Global()
@Module({})
class PlatformModule {
  static register(parts: {
    config: unknown;
    orm: MikroORM;
    nc: NatsConnection;
    logger: Logger;
    rpc: RpcClient;
    relay: OutboxRelay;
  }): DynamicModule {
    const providers = [
      { provide: SERVICE_CONFIG, useValue: parts.config },
      { provide: MikroORM, useValue: parts.orm },
      // `orm.em` resolves to the per-message context the RPC interceptor opens; outside one it throws.
      { provide: EntityManager, useValue: parts.orm.em },
      { provide: NATS, useValue: parts.nc },
      { provide: LOGGER, useValue: parts.logger },
      { provide: RpcClient, useValue: parts.rpc },
      { provide: OutboxRelay, useValue: parts.relay },
    ];
    return { module: PlatformModule, providers, exports: providers.map((p) => p.provide) };
  }
}

/**
 * Starts one service: config from the environment (zod), logger, ORM (PostgreSQL or PGlite), NATS, its
 * event stream, the NestJS microservice on `<prefix><subject>` with queue group = service name, the outbox
 * relay, its consumers and the health port. Migrations are not run here (they are a deploy step).
 */
export async function startService(
  spec: ServiceSpec,
  env: Record<string, string | undefined> = process.env,
): Promise<RunningService> {
  const schema = spec.env ? ServiceEnv.extend(spec.env.shape) : ServiceEnv;
  const config = loadConfig(schema, env) as ServiceEnv & Record<string, unknown>;
  const logger = createLogger(spec.service, config.LOG_LEVEL);
  const metrics = new Metrics(spec.service);
  const orm = (await createOrm(spec, config)) as MikroORM;
  let nc: NatsConnection | undefined;
  try {
    // No async stack traces: they cost an Error per request and the RPC client maps errors by kind anyway.
    nc = await connect({ servers: config.NATS_URL, name: `${spec.service}-client`, maxReconnectAttempts: -1, noAsyncTraces: true });
    if (spec.publishesEvents !== false) await ensureStream(nc, config.NATS_SUBJECT_PREFIX, spec.service);
    const relay = new OutboxRelay(orm, nc, logger, { prefix: config.NATS_SUBJECT_PREFIX });
    const rpc = new RpcClient(nc, { prefix: config.NATS_SUBJECT_PREFIX, timeoutMs: config.RPC_TIMEOUT_MS });

    @Module({ imports: [PlatformModule.register({ config, orm, nc, logger, rpc, relay }), spec.module] })
    class ServiceRoot {}

    const app = await NestFactory.createMicroservice(ServiceRoot, {
      strategy: new PrefixedNatsServer({
        servers: config.NATS_URL,
        queue: spec.service,
        prefix: config.NATS_SUBJECT_PREFIX,
        name: `${spec.service}-server`,
        gracePeriodMs: config.SHUTDOWN_GRACE_MS,
      }),
      logger: new NestPinoLogger(logger),
      bufferLogs: false,
    });
    app.useGlobalInterceptors(new RpcInterceptor(orm, metrics));
    app.useGlobalFilters(new RpcErrorFilter(logger));
    await app.listen();
    relay.start();
    const consumerSpecs = typeof spec.consumers === 'function' ? spec.consumers(config) : (spec.consumers ?? []);
    const consumers = consumerSpecs.map(
      (consumer) => new ConsumerRunner(consumer, { orm, nc: nc!, prefix: config.NATS_SUBJECT_PREFIX, logger }),
    );
    consumers.forEach((consumer) => consumer.start());

    const connection = nc;
    const health = new HealthServer(metrics, [
      { name: 'database', check: async () => void (await orm.em.fork().execute('select 1')) },
      {
        name: 'nats',
        check: async () => {
          if (connection.isClosed()) throw new Error('closed');
          await connection.flush();
        },
      },
      {
        name: 'outbox',
        check: async () => {
          metrics.outboxBacklog.set(await relay.backlog());
        },
      },
    ]);
    const healthPort = config.HEALTH_PORT === undefined ? undefined : await health.listen(config.HEALTH_PORT);
    logger.info({ healthPort, prefix: config.NATS_SUBJECT_PREFIX || undefined }, `${spec.service} is listening on NATS`);

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        logger.info('shutting down');
        await app.close();
        await Promise.all(consumers.map((consumer) => consumer.stop()));
        await relay.stop();
        await health.close();
        await connection.drain().catch(() => undefined);
        await orm.close(true);
      })());
    return { name: spec.service, config, orm, nc, app, relay, metrics, logger, healthPort, consumers, stop };
  } catch (error) {
    await nc?.close().catch(() => undefined);
    await orm.close(true);
    throw error;
  }
}

/** The `main` of a service process: start, stop on SIGTERM/SIGINT, exit 1 with a clear message on bad config. */
export async function runServiceProcess(spec: ServiceSpec) {
  try {
    const service = await startService(spec);
    const shutdown = (signal: string) => {
      service.logger.info({ signal }, 'signal received');
      service.stop().then(
        () => process.exit(0),
        (error) => {
          service.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', shutdown);
    process.once('SIGINT', shutdown);
  } catch (error) {
    console.error(`${spec.service} failed to start: ${(error as Error).message}`);
    process.exit(1);
  }
}

/** The `migrate` entry point of a service: runs its committed migrations against DATABASE_URL (or PGlite). */
export async function runMigrations(spec: OrmSpec, env: Record<string, string | undefined> = process.env) {
  const config = loadConfig(ServiceEnv, env);
  const orm = (await createOrm(spec, config)) as MikroORM;
  try {
    const done = await orm.migrator.up();
    return done.map((migration) => migration.name);
  } finally {
    await orm.close(true);
  }
}
