import { acquireInfra } from './infra';

/** Jest global setup: containers (if a Docker engine answers) are started once and shared by every worker. */
export default async function globalSetup() {
  const infra = await acquireInfra();
  process.env.TEST_DATABASE_URL = infra.adminDatabaseUrl;
  process.env.TEST_NATS_URL = infra.natsUrl;
  process.env.TEST_USE_CONTAINERS = 'false';
  (globalThis as { __govInfra?: typeof infra }).__govInfra = infra;
}
