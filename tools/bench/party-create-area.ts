// `npm run bench`: the round trip typed client → NATS → party service → PostgreSQL (create one area, with
// its outbox row and the relay running) next to, in the same run, a raw nats.js responder doing the same
// insert with `pg` (the baseline), and a raw responder doing the same transactional work by hand. Prints
// requests/s, p50 and p99 of each and the ratios. BENCH_PROFILE_DIR writes a CPU profile of the service. Env: BENCH_SECONDS (5),
// BENCH_CONCURRENCY (32), TEST_DATABASE_URL, TEST_NATS_URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { CreateAreaCommand } from '@gov/contracts-party';
import { RpcClient, runMigrations } from '@gov/platform';
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

/** Each responder runs in its own process, as a deployed service does; the load comes from this one. */
function spawnUntilReady(entry: string, extraEnv: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  const profile = process.env.BENCH_PROFILE_DIR && entry.startsWith('apps/') ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, 'tools/run.mjs', entry], { env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (ready.test(out)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`${entry} exited with ${code}: ${out}`)));
  });
}

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
const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

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
  const ratio = platform.rps / rawResult.rps;
  console.log(`\nparty.area.create, ${concurrency} in flight, ${seconds} s each, PostgreSQL + NATS on this machine\n`);
  console.log('| path | requests | req/s | p50 ms | p99 ms |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of [rawResult, sameWorkResult, platform]) {
    console.log(`| ${r.name} | ${r.count} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} |`);
  }
  console.log(`\nplatform / baseline throughput: ${(ratio * 100).toFixed(1)}% (target ≥ 70%) ${ratio >= 0.7 ? 'MET' : 'NOT MET'}`);
  console.log(`platform / same-work raw throughput: ${((platform.rps / sameWorkResult.rps) * 100).toFixed(1)}% (the framework's own cost)`);
} finally {
  await nc.close();
  await Promise.all([stop(service), stop(raw), stop(sameWork)]);
  await databases.drop(platformDb.name);
  await databases.drop(rawDb.name);
}
