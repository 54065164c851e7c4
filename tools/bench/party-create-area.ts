// `npm run bench`: the round trip typed client → NATS → party service → PostgreSQL (create one area, with
// its outbox row and the relay running) next to, in the same run, a raw nats.js responder doing the same
// insert with `pg`. Prints requests/s, p50 and p99 of both and their ratio. Env: BENCH_SECONDS (5),
// BENCH_CONCURRENCY (32), TEST_DATABASE_URL, TEST_NATS_URL.
import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { CreateAreaCommand } from '@gov/contracts-party';
import { RpcClient, runMigrations, startService } from '@gov/platform';
import { aDistrictOperator, TestDatabases, uniquePrefix } from '@gov/testing';
import { partyService } from '../../apps/party/src/service';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const natsUrl = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

interface Result {
  name: string;
  count: number;
  rps: number;
  p50: number;
  p99: number;
}

async function load(name: string, once: (i: number) => Promise<unknown>): Promise<Result> {
  // Warm up (connections, JIT, prepared plans) before measuring.
  for (let i = 0; i < 200; i++) await once(-i - 1);
  const latencies: number[] = [];
  let next = 0;
  const until = performance.now() + seconds * 1_000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        await once(next++);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1_000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { name, count: latencies.length, rps: latencies.length / elapsed, p50: at(0.5), p99: at(0.99) };
}

const databases = new TestDatabases(adminUrl);
const platformDb = await databases.create('bench_platform');
const rawDb = await databases.create('bench_raw');
const prefix = uniquePrefix();
const env = { DATABASE_URL: platformDb.url, NATS_URL: natsUrl, NATS_SUBJECT_PREFIX: prefix, LOG_LEVEL: 'warn', DB_POOL_MAX: '10' };
await runMigrations(partyService, env);
await runMigrations(partyService, { ...env, DATABASE_URL: rawDb.url });
const service = await startService(partyService, env);
const nc = await connect({ servers: natsUrl, name: 'bench' });
const client = new RpcClient(nc, { prefix, timeoutMs: 10_000 });
const actor = aDistrictOperator();

// The baseline: the same insert, straight from a nats.js subscription into pg, no framework.
const pool = new pg.Pool({ connectionString: rawDb.url, max: 10 });
const rawNc = await connect({ servers: natsUrl, name: 'bench-raw' });
const rawDistrict = randomUUID();
await pool.query(
  `insert into area (id, code, name, type, parent_id, path, depth, status, version, created_at, updated_at)
   values ($1, 'D', '松江区', 'DISTRICT', null, '/D/', 0, 'ACTIVE', 1, now(), now())`,
  [rawDistrict],
);
rawNc.subscribe(`${prefix}bench.raw.create`, {
  queue: 'raw',
  callback: (_error, message) => {
    const request = message.json<{ code: string; name: string }>();
    void pool.query(
      `insert into area (id, code, name, type, parent_id, path, depth, status, version, created_at, updated_at)
       values ($1, $2, $3, 'STREET', $4, $5, 1, 'ACTIVE', 1, now(), now()) returning *`,
      [randomUUID(), request.code, request.name, rawDistrict, `/D/${request.code}/`],
    ).then(({ rows }) => message.respond(JSON.stringify(rows[0])));
  },
});

try {
  const district = await client.request(CreateAreaCommand, { code: 'BENCH', name: '松江区', type: 'DISTRICT' }, { actor });
  const raw = await load('raw nats.js + pg', (i) => nc.request(`${prefix}bench.raw.create`, JSON.stringify({ code: `R${i}`, name: '街道' }), { timeout: 10_000 }));
  const platform = await load('typed client → party → MikroORM + outbox', (i) =>
    client.request(CreateAreaCommand, { code: `P${i}`, name: '街道', type: 'STREET', parentId: district.id }, { actor }),
  );
  const ratio = platform.rps / raw.rps;
  console.log(`\nparty.area.create, ${concurrency} in flight, ${seconds} s each, PostgreSQL + NATS on this machine\n`);
  console.log('| path | requests | req/s | p50 ms | p99 ms |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of [raw, platform]) {
    console.log(`| ${r.name} | ${r.count} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} |`);
  }
  console.log(`\nplatform / raw throughput: ${(ratio * 100).toFixed(1)}% (target ≥ 70%) ${ratio >= 0.7 ? 'MET' : 'NOT MET'}`);
  console.log(`outbox rows relayed: ${service.relay.published}`);
} finally {
  await rawNc.close();
  await pool.end();
  await nc.close();
  await service.stop();
  await databases.drop(platformDb.name);
  await databases.drop(rawDb.name);
}
