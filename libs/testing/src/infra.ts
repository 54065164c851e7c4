import { existsSync } from 'node:fs';

export interface TestInfra {
  /** A URL of a database the harness may CREATE DATABASE from (its own databases are made beside it). */
  adminDatabaseUrl: string;
  natsUrl: string;
  source: 'testcontainers' | 'local';
  stop(): Promise<void>;
}

function dockerEngineMayExist(): boolean {
  return Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}

/**
 * Real PostgreSQL and NATS JetStream for the tests: containers where a Docker engine answers, otherwise the
 * servers named by TEST_DATABASE_URL / TEST_NATS_URL (defaults: the local ones).
 */
export async function acquireInfra(): Promise<TestInfra> {
  if (process.env.TEST_USE_CONTAINERS !== 'false' && dockerEngineMayExist()) {
    try {
      return await startContainers();
    } catch (error) {
      console.warn(`testcontainers unavailable (${(error as Error).message}); using local servers`);
    }
  }
  return {
    adminDatabaseUrl: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    natsUrl: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
    source: 'local',
    stop: async () => undefined,
  };
}

async function startContainers(): Promise<TestInfra> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const postgres = await new PostgreSqlContainer('postgres:15-alpine').start();
  const nats = await new GenericContainer('nats:2.10-alpine')
    .withCommand(['-js'])
    .withExposedPorts(4222)
    .withWaitStrategy(Wait.forLogMessage(/Server is ready/))
    .start();
  return {
    adminDatabaseUrl: postgres.getConnectionUri(),
    natsUrl: `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`,
    source: 'testcontainers',
    stop: async () => {
      await Promise.all([postgres.stop(), nats.stop()]);
    },
  };
}
