// `npm run bench`: the round trip typed client → NATS → party service → PostgreSQL (create one area, with
// its outbox row and the relay running) next to, in the same run, a raw nats.js responder doing the same
// insert with `pg` (the baseline), and a raw responder doing the same transactional work by hand. Prints
// requests/s, p50 and p99 of each and the ratios. BENCH_PROFILE_DIR writes a CPU profile of the service. Env: BENCH_SECONDS (5),
// BENCH_CONCURRENCY (32), TEST_DATABASE_URL, TEST_NATS_URL.
import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { CreateAreaCommand } from '@gov/contracts-party';
import { RpcClient, runMigrations } from '@gov/platform';
import { aDistrictOperator, TestDatabases, uniquePrefix } from '@gov/testing';
import { partyService } from '../../apps/party/src/service';
import { adminUrl, concurrency, load, natsUrl, printTable, seconds, spawnUntilReady, stop, verdict, deleteStreams } from './bench-kit';

const databases = new TestDatabases(adminUrl);
const platformDb = await databases.create('bench_platform');
const rawDb = await databases.create('bench_raw');
const prefix = uniquePrefix();
const env = { DATABASE_URL: platformDb.url, NATS_URL: natsUrl, NATS_SUBJECT_PREFIX: prefix, LOG_LEVEL: 'warn', DB_POOL_MAX: '10' };
await runMigrations(partyService, env);
await runMigrations(partyService, { ...env, DATABASE_URL: rawDb.url });

const rawParent = randomUUID();
const seed = new pg.Client({ connectionString: rawDb.url });
await seed.connect();
await seed.query(
  `insert into area (id, code, name, type, parent_id, path, depth, status, version, created_at, updated_at)
   values ($1, 'D', '松江区', 'DISTRICT', null, '/D/', 0, 'ACTIVE', 1, now(), now())`,
  [rawParent],
);
await seed.end();
const rawSubject = `${prefix}bench.raw.create`;
const sameWorkSubject = `${prefix}bench.raw.same-work`;
const rawEnv = { DATABASE_URL: rawDb.url, NATS_URL: natsUrl, PARENT_ID: rawParent };
const [service, raw, sameWork] = await Promise.all([
  spawnUntilReady('apps/party/src/main.ts', { ...env, LOG_LEVEL: 'info', HEALTH_PORT: '0' }, /is listening on NATS/),
  spawnUntilReady('tools/bench/raw-responder.ts', { ...rawEnv, SUBJECT: rawSubject, MODE: 'insert' }, /ready/),
  spawnUntilReady('tools/bench/raw-responder.ts', { ...rawEnv, SUBJECT: sameWorkSubject, MODE: 'transaction' }, /ready/),
]);
const nc = await connect({ servers: natsUrl, name: 'bench' });
const client = new RpcClient(nc, { prefix, timeoutMs: 10_000 });
const actor = aDistrictOperator();
try {
  const district = await client.request(CreateAreaCommand, { code: 'BENCH', name: '松江区', type: 'DISTRICT' }, { actor });
  const rawResult = await load('raw nats.js + pg: one INSERT (baseline)', (i) =>
    nc.request(rawSubject, JSON.stringify({ code: `R${i}`, name: '街道' }), { timeout: 10_000 }),
  );
  const sameWorkResult = await load('raw nats.js + pg: same transaction (parent, area, outbox row)', (i) =>
    nc.request(sameWorkSubject, JSON.stringify({ code: `S${i}`, name: '街道' }), { timeout: 10_000 }),
  );
  const platform = await load('typed client → party → MikroORM + outbox', (i) =>
    client.request(CreateAreaCommand, { code: `P${i}`, name: '街道', type: 'STREET', parentId: district.id }, { actor }),
  );
  printTable(`party.area.create, ${concurrency} in flight, ${seconds} s each, PostgreSQL + NATS on this machine`, [rawResult, sameWorkResult, platform]);
  console.log('');
  verdict('platform / baseline throughput', platform.rps / rawResult.rps, 0.7);
  console.log(`platform / same-work raw throughput: ${((platform.rps / sameWorkResult.rps) * 100).toFixed(1)}% (the framework's own cost)`);
} finally {
  await deleteStreams(nc, prefix).catch(() => undefined);
  await nc.close();
  await Promise.all([stop(service), stop(raw), stop(sameWork)]);
  await databases.drop(platformDb.name);
  await databases.drop(rawDb.name);
}
