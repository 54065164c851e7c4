// `npm run bench:fanout`: one notice fanned out to 33,000 households (Xinkai's planned size) into their in-app
// inboxes by the notifications service (a process of its own, publishing through NATS), next to, in the same
// run, the raw insert rate of the same rows (an inbox message and a delivery row per person, written with
// `pg` in batches of the same size). Prints deliveries per second of both and the ratio; the target is at
// least 5,000 deliveries/s. Env: BENCH_HOUSEHOLDS (33000), FANOUT_BATCH (2000), BENCH_PROFILE_DIR,
// TEST_DATABASE_URL, TEST_NATS_URL.
import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import { GetNoticeQuery, PublishNoticeCommand } from '@gov/contracts-notifications';
import { RpcClient, runMigrations, sqlArray } from '@gov/platform';
import { anRcStaff, TestDatabases, uniquePrefix } from '@gov/testing';
import { notificationsService } from '../../apps/notifications/src/service';
import { adminUrl, natsUrl, spawnUntilReady, stop, deleteStreams } from './bench-kit';

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 33_000);
const BATCH = Number(process.env.FANOUT_BATCH ?? 2_000);
const TARGET = 5_000;
const COMMUNITY = '/310117/310117001/310117001001/';

const databases = new TestDatabases(adminUrl);
const platformDb = await databases.create('bench_fanout');
const rawDb = await databases.create('bench_fanout_raw');
const prefix = uniquePrefix();
const env = { DATABASE_URL: platformDb.url, NATS_URL: natsUrl, NATS_SUBJECT_PREFIX: prefix, LOG_LEVEL: 'warn' };
await runMigrations(notificationsService, env);
await runMigrations(notificationsService, { ...env, DATABASE_URL: rawDb.url });

/** The projections a real deployment fills from party and property events, seeded directly at scale. */
async function seed(url: string) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query(`insert into known_area (id, path, name, closed) values ('community', $1, '新凯社区', false)`, [COMMUNITY]);
  await db.query(
    `insert into resident (household_id, person_id, name, phone, has_account, area_path, estate_id, building_id, stairwell_id, unit_id)
     select 'hh-' || i, 'person-' || lpad(i::text, 6, '0'), null, null, true, $1 || 'G' || (i % 40) || '/', 'estate-' || (i % 12), 'B' || (i % 300), 'S' || (i % 900), null
       from generate_series(1, $2::int) as i`,
    [COMMUNITY, HOUSEHOLDS],
  );
  await db.query('analyze');
  return db;
}

/** The baseline: the same rows, the same batch size, one transaction per batch, straight through `pg`. */
async function raw(db: pg.Client): Promise<number> {
  const people = (await db.query<{ person_id: string }>('select person_id from resident order by person_id')).rows.map((r) => r.person_id);
  const noticeId = randomUUID();
  const started = performance.now();
  for (let from = 0; from < people.length; from += BATCH) {
    const batch = people.slice(from, from + BATCH);
    const inboxIds = batch.map(() => randomUUID());
    const keys = batch.map((person) => `notice:${noticeId}:${person}:NOTICE_PUBLISHED:IN_APP`);
    await db.query('begin');
    await db.query(
      `insert into inbox_message (id, recipient_id, type, locale, title, body, ticket_id, notice_id, dedupe_key, created_at)
       select u.id, u.person, 'NOTICE_PUBLISHED', 'zh-CN', '【通知】停水通知', '明日9:00至12:00停水', null, $1, u.key, now()
         from unnest($2::uuid[], $3::text[], $4::text[]) as u(id, person, key) on conflict (dedupe_key) do nothing`,
      [noticeId, sqlArray(inboxIds), sqlArray(batch), sqlArray(keys)],
    );
    await db.query(
      `insert into delivery (id, dedupe_key, notice_id, message_type, recipient_id, channel, locale, title, body, address, status, reason, not_before, inbox_message_id, attempts, created_at)
       select gen_random_uuid(), u.key, $1, 'NOTICE_PUBLISHED', u.person, 'IN_APP', 'zh-CN', '【通知】停水通知', '明日9:00至12:00停水', null, 'DELIVERED', null, now(), u.id, 0, now()
         from unnest($2::uuid[], $3::text[], $4::text[]) as u(id, person, key) on conflict (dedupe_key) do nothing`,
      [noticeId, sqlArray(inboxIds), sqlArray(batch), sqlArray(keys)],
    );
    await db.query('commit');
  }
  return people.length / ((performance.now() - started) / 1_000);
}

const rawSeeded = await seed(rawDb.url);
const platformSeeded = await seed(platformDb.url);
await platformSeeded.end();
const service = await spawnUntilReady(
  'apps/notifications/src/main.ts',
  { ...env, LOG_LEVEL: 'info', HEALTH_PORT: '0', FANOUT_BATCH: String(BATCH), FANOUT_MS: '1000' },
  /is listening on NATS/,
);
const nc = await connect({ servers: natsUrl, name: 'bench-fanout' });
const client = new RpcClient(nc, { prefix, timeoutMs: 10_000 });
const staff = anRcStaff(COMMUNITY);
try {
  const baseline = await raw(rawSeeded);
  const started = performance.now();
  const notice = await client.request(
    PublishNoticeCommand,
    { kind: 'OUTAGE', audience: { areaPath: COMMUNITY }, channels: ['IN_APP'], content: { 'zh-CN': { title: '停水通知', body: '明日9:00至12:00停水' } } },
    { actor: staff },
  );
  let current = notice;
  while (current.status !== 'DISPATCHED') {
    await new Promise((resolve) => setTimeout(resolve, 20));
    current = await client.request(GetNoticeQuery, { id: notice.id }, { actor: staff });
  }
  const elapsed = (performance.now() - started) / 1_000;
  const platform = current.recipients / elapsed;
  console.log(`\nOne notice to ${HOUSEHOLDS} households, in-app, batches of ${BATCH}, PostgreSQL + NATS on this machine\n`);
  console.log('| path | deliveries | deliveries/s |');
  console.log('|---|---:|---:|');
  console.log(`| raw pg: the same rows, same batches (baseline) | ${HOUSEHOLDS} | ${baseline.toFixed(0)} |`);
  console.log(`| publish → notifications fan-out → DISPATCHED | ${current.recipients} | ${platform.toFixed(0)} |`);
  console.log('');
  console.log(`fan-out: ${platform.toFixed(0)} deliveries/s (target ≥ ${TARGET}) ${platform >= TARGET ? 'MET' : 'NOT MET'}`);
  console.log(`fan-out / raw insert rate of the same rows: ${((platform / baseline) * 100).toFixed(1)}%`);
} finally {
  await rawSeeded.end();
  await deleteStreams(nc, prefix).catch(() => undefined);
  await nc.close();
  await stop(service);
  await databases.drop(platformDb.name);
  await databases.drop(rawDb.name);
}
