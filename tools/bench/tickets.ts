// `npm run bench:tickets`: tickets created, and taken through their whole lifecycle, each through NATS (typed
// client) and through the gateway (HTTP), with one and with two replicas of the tickets service, next to a
// raw nats.js + pg responder inserting the same ticket row, all in the same run. Each create row is compared
// with the baseline measured right before and after it. Then the p99 of creates at half the highest rate. Env: BENCH_SECONDS (5), BENCH_CONCURRENCY (32), TEST_DATABASE_URL, TEST_NATS_URL.
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { connect } from '@nats-io/transport-node';
import {
  AcknowledgeTicketCommand,
  CloseTicketCommand,
  DispatchTicketCommand,
  RateTicketCommand,
  ResolveTicketCommand,
  StartTicketCommand,
  SubmitTicketCommand,
  TriageTicketCommand,
} from '@gov/contracts-tickets';
import { RpcClient, runMigrations } from '@gov/platform';
import { anActor, TestDatabases, uniquePrefix } from '@gov/testing';
import { ticketsService } from '../../apps/tickets/src/service';
import { Authenticator } from '../../apps/gateway/src/auth/authenticator';
import { adminUrl, concurrency, load, loadAtRate, natsUrl, printTable, seconds, spawnUntilReady, stop, verdict, type Result, deleteStreams } from './bench-kit';

const GRID = '/310117/310117001/310117001001/G01/';
const SECRET = 'bench-secret-bench-secret-bench-secret';
const staff = anActor(['GRID_WORKER'], [GRID], { id: 'bench-worker' });
const handler = anActor(['PROPERTY_STAFF'], [GRID], { id: 'bench-handler' });
const resident = anActor(['RESIDENT'], [GRID], { id: 'bench-resident' });
const body = (i: number) => ({
  channel: 'GRID_QR' as const,
  reporter: { type: 'RESIDENT' as const, personId: resident.id },
  location: { areaPath: GRID, freeText: `171号楼 ${i}` },
  title: '楼道灯不亮',
  description: '二单元楼道灯不亮',
});

const databases = new TestDatabases(adminUrl);
const ticketsDb = await databases.create('bench_tickets');
const rawDb = await databases.create('bench_tickets_raw');
// Its own database, so its relay claims only its own outbox rows.
const rawRelayedDb = await databases.create('bench_tickets_raw_relayed');
const prefix = uniquePrefix();
const env = {
  DATABASE_URL: ticketsDb.url,
  NATS_URL: natsUrl,
  NATS_SUBJECT_PREFIX: prefix,
  LOG_LEVEL: 'info',
  DB_POOL_MAX: '10',
  HEALTH_PORT: '0',
  MAX_OPEN_PER_HANDLER: '10000',
};
await runMigrations(ticketsService, env);
await runMigrations(ticketsService, { ...env, DATABASE_URL: rawDb.url });
await runMigrations(ticketsService, { ...env, DATABASE_URL: rawRelayedDb.url });
const children: ChildProcess[] = [];
const rawSubject = `${prefix}bench.raw.ticket`;
const sameWorkSubject = `${prefix}bench.raw.ticket-same-work`;
const oneTripSubject = `${prefix}bench.raw.ticket-one-trip`;
const relayedSubject = `${prefix}bench.raw.ticket-one-trip-relayed`;
children.push(
  await spawnUntilReady('tools/bench/raw-responder.ts', { DATABASE_URL: rawDb.url, NATS_URL: natsUrl, SUBJECT: rawSubject, MODE: 'ticket' }, /ready/),
  await spawnUntilReady('tools/bench/raw-responder.ts', { DATABASE_URL: rawDb.url, NATS_URL: natsUrl, SUBJECT: sameWorkSubject, MODE: 'ticket-same-work' }, /ready/),
  await spawnUntilReady('tools/bench/raw-responder.ts', { DATABASE_URL: rawDb.url, NATS_URL: natsUrl, SUBJECT: oneTripSubject, MODE: 'ticket-one-trip' }, /ready/),
  await spawnUntilReady(
    'tools/bench/raw-responder.ts',
    { DATABASE_URL: rawRelayedDb.url, NATS_URL: natsUrl, SUBJECT: relayedSubject, MODE: 'ticket-one-trip-relayed', RELAY_PREFIX: prefix },
    /ready/,
  ),
);
children.push(await spawnUntilReady('apps/tickets/src/main.ts', env, /is listening on NATS/));
const gatewayPort = 3900 + Math.floor(Math.random() * 90);
children.push(
  await spawnUntilReady(
    'apps/gateway/src/main.ts',
    { NATS_URL: natsUrl, NATS_SUBJECT_PREFIX: prefix, JWT_SECRET: SECRET, PORT: String(gatewayPort), HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'info' },
    /gateway listening/,
  ),
);
const nc = await connect({ servers: natsUrl, name: 'bench-tickets' });
const client = new RpcClient(nc, { prefix, timeoutMs: 15_000 });
// Staff take demands in for residents (a resident alone is held to a daily limit).
const staffToken = await Authenticator.sign(SECRET, { sub: staff.id, roles: ['GRID_WORKER'], scopes: [GRID] });
const handlerToken = await Authenticator.sign(SECRET, { sub: handler.id, roles: ['PROPERTY_STAFF'], scopes: [GRID] });
const residentToken = await Authenticator.sign(SECRET, { sub: resident.id, roles: ['RESIDENT'], scopes: [GRID] });
const gateway = `http://127.0.0.1:${gatewayPort}`;

const raw = (name: string, subject: string) =>
  load(name, async (i) => {
    const reply = await nc.request(subject, JSON.stringify({ title: '楼道灯不亮', description: '二单元楼道灯不亮', areaPath: GRID, i }), { timeout: 15_000 });
    const answer = reply.json<{ error?: string }>();
    if (answer.error) throw new Error(`raw insert failed: ${answer.error}`);
  });
const natsCreate = (replicas: number) => load(`create via NATS, ${replicas} replica(s)`, (i) => client.request(SubmitTicketCommand, body(i), { actor: staff }));
// Node's own HTTP client with keep-alive: a lighter load generator than fetch, which shares these two cores.
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
function post(path: string, body: string, token = staffToken): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${gateway}${path}`,
      { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
const gatewayCreate = (replicas: number) =>
  load(`create via gateway (HTTP), ${replicas} replica(s)`, async (i) => {
    const response = await post('/api/v1/tickets', JSON.stringify(body(i)));
    if (response.status !== 201) throw new Error(`gateway answered ${response.status}: ${response.text}`);
  });
/** The same eight requests as HTTP calls, each by the role that makes the move. */
const gatewayLifecycle = (replicas: number) =>
  load(
    `full lifecycle via gateway (8 requests), ${replicas} replica(s)`,
    async (i) => {
      const call = async (path: string, payload: object, token = staffToken, expected = 200) => {
        const response = await post(path, JSON.stringify(payload), token);
        if (response.status !== expected) throw new Error(`gateway answered ${response.status} to ${path}: ${response.text}`);
        return JSON.parse(response.text) as { id: string };
      };
      const { id } = await call('/api/v1/tickets', body(i), staffToken, 201);
      await call(`/api/v1/tickets/${id}/acknowledge`, {});
      await call(`/api/v1/tickets/${id}/triage`, { responseLevel: 'L2_ROUTINE' });
      await call(`/api/v1/tickets/${id}/dispatch`, { handler: { kind: 'PERSON', id: handler.id } });
      await call(`/api/v1/tickets/${id}/start`, {}, handlerToken);
      await call(`/api/v1/tickets/${id}/resolve`, { summary: '已修复' }, handlerToken);
      await call(`/api/v1/tickets/${id}/rate`, { score: 5, fixed: true }, residentToken);
      await call(`/api/v1/tickets/${id}/close`, {});
    },
    { warmup: 20 },
  );
/** Eight requests: submit, acknowledge, triage, dispatch, start, resolve, rate, close. */
const lifecycle = (replicas: number) =>
  load(
    `full lifecycle via NATS (8 requests), ${replicas} replica(s)`,
    async (i) => {
      const t = await client.request(SubmitTicketCommand, body(i), { actor: staff });
      await client.request(AcknowledgeTicketCommand, { id: t.id }, { actor: staff });
      await client.request(TriageTicketCommand, { id: t.id, responseLevel: 'L2_ROUTINE' }, { actor: staff });
      await client.request(DispatchTicketCommand, { id: t.id, handler: { kind: 'PERSON', id: handler.id } }, { actor: staff });
      await client.request(StartTicketCommand, { id: t.id }, { actor: handler });
      await client.request(ResolveTicketCommand, { id: t.id, summary: '已修复' }, { actor: handler });
      await client.request(RateTicketCommand, { id: t.id, score: 5, fixed: true }, { actor: resident });
      await client.request(CloseTicketCommand, { id: t.id }, { actor: staff });
    },
    { warmup: 20 },
  );

try {
  const results: Result[] = [];
  const sameWork = await raw('raw nats.js + pg: ticket + history + outbox in one transaction', sameWorkSubject);
  const oneTrip = await raw('raw nats.js + pg: the same three rows in one round trip (as the service writes them)', oneTripSubject);
  const relayed = await raw('raw nats.js + pg: the same rows in one round trip, and a relay by hand publishing the events', relayedSubject);
  const baseline = await raw('raw nats.js + pg: INSERT the ticket (baseline)', rawSubject);
  results.push(sameWork, oneTrip, relayed, baseline);
  // The machine's speed drifts within a run, so each create row is compared with the baseline measured right
  // before and right after it (the mean of the two).
  const again = (when: string) => raw(`raw nats.js + pg: INSERT the ticket (baseline, again ${when})`, rawSubject);
  const one = { nats: await natsCreate(1), gateway: await gatewayCreate(1) };
  const afterOne = await again('after 1 replica');
  const oneLifecycles = { nats: await lifecycle(1), gateway: await gatewayLifecycle(1) };
  results.push(one.nats, one.gateway, afterOne, oneLifecycles.nats, oneLifecycles.gateway);
  children.push(await spawnUntilReady('apps/tickets/src/main.ts', env, /is listening on NATS/));
  const beforeTwo = await again('before 2 replicas');
  const two = { nats: await natsCreate(2), gateway: await gatewayCreate(2) };
  const afterTwo = await again('after 2 replicas');
  const twoLifecycles = { nats: await lifecycle(2), gateway: await gatewayLifecycle(2) };
  results.push(beforeTwo, two.nats, two.gateway, afterTwo, twoLifecycles.nats, twoLifecycles.gateway);
  const baselineOne = (baseline.rps + afterOne.rps) / 2;
  const baselineTwo = (beforeTwo.rps + afterTwo.rps) / 2;
  const best = Math.max(one.nats.rps, two.nats.rps);
  const half = await loadAtRate(`create via NATS at half the best rate (${(best / 2).toFixed(0)}/s), 2 replicas`, best / 2, (i) =>
    client.request(SubmitTicketCommand, body(i), { actor: staff }),
  );
  results.push(half);
  printTable(`tickets, ${concurrency} in flight, ${seconds} s each, PostgreSQL + NATS on this 2-core machine`, results);
  console.log('');
  console.log(`baseline around 1 replica: ${baselineOne.toFixed(0)} req/s, around 2 replicas: ${baselineTwo.toFixed(0)} req/s`);
  verdict('create via NATS / baseline (best of 1 and 2 replicas)', Math.max(one.nats.rps / baselineOne, two.nats.rps / baselineTwo), 0.7);
  verdict('create via gateway / baseline (best of 1 and 2 replicas)', Math.max(one.gateway.rps / baselineOne, two.gateway.rps / baselineTwo), 0.5);
  console.log(`the same work by hand (rows in one round trip, events relayed) / baseline: ${((relayed.rps / baseline.rps) * 100).toFixed(1)}% (hand-written code doing the service's work)`);
  console.log(`create via NATS / the same work by hand: ${((best / relayed.rps) * 100).toFixed(1)}% (the framework's own cost)`);
  console.log(`p99 at half the best rate: ${half.p99.toFixed(1)} ms (target < 100 ms) ${half.p99 < 100 ? 'MET' : 'NOT MET'}`);
} finally {
  await deleteStreams(nc, prefix).catch(() => undefined);
  await nc.close();
  for (const child of children.reverse()) await stop(child);
  await databases.drop(ticketsDb.name);
  await databases.drop(rawDb.name);
  await databases.drop(rawRelayedDb.name);
}
