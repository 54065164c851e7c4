import { readFileSync, readdirSync } from 'node:fs';
import { connect } from '@nats-io/transport-node';
import { SubmitTicketCommand } from '@gov/contracts-tickets';
import { RpcClient, runMigrations } from '@gov/platform';
import { anActor, TestDatabases, uniquePrefix } from '@gov/testing';
import { ticketsService } from '../../apps/tickets/src/service';
import { adminUrl, load, natsUrl, spawnUntilReady, stop, deleteStreams } from './bench-kit';

const GRID = '/310117/310117001/310117001001/G01/';
const staff = anActor(['GRID_WORKER'], [GRID], { id: 'bench-worker' });
const body = (i: number) => ({ channel: 'GRID_QR' as const, reporter: { type: 'RESIDENT' as const, personId: 'r1' }, location: { areaPath: GRID, freeText: `171号楼 ${i}` }, title: '楼道灯不亮', description: '二单元楼道灯不亮' });
const databases = new TestDatabases(adminUrl);
const db = await databases.create('probe_tickets');
const rawDb = await databases.create('probe_raw');
const prefix = uniquePrefix();
const env = { DATABASE_URL: db.url, NATS_URL: natsUrl, NATS_SUBJECT_PREFIX: prefix, LOG_LEVEL: 'info', DB_POOL_MAX: '10', HEALTH_PORT: '0', MAX_OPEN_PER_HANDLER: '10000' };
await runMigrations(ticketsService, env);
await runMigrations(ticketsService, { ...env, DATABASE_URL: rawDb.url });
const rawSubject = `${prefix}bench.raw.ticket`;
const raw = await spawnUntilReady('tools/bench/raw-responder.ts', { DATABASE_URL: rawDb.url, NATS_URL: natsUrl, SUBJECT: rawSubject, MODE: process.env.RAW_MODE ?? 'ticket', RELAY_PREFIX: prefix }, /ready/);
const svc = await spawnUntilReady('apps/tickets/src/main.ts', env, /is listening on NATS/);
const nc = await connect({ servers: natsUrl });
const client = new RpcClient(nc, { prefix, timeoutMs: 15_000 });
function cpuOf(pid: number, part = 'all') { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (part === 'user' ? Number(f[11]) : part === 'sys' ? Number(f[12]) : Number(f[11]) + Number(f[12])) * 10; }
function pidsOf(name: string) { return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => { try { return readFileSync(`/proc/${p}/comm`, 'utf8').trim().startsWith(name); } catch { return false; } }).map(Number); }
function snapshot() {
  const sum = (ps: number[]) => ps.reduce((a, p) => { try { return a + cpuOf(p); } catch { return a; } }, 0);
  return { svcUser: cpuOf(svc.pid!, 'user'), svcSys: cpuOf(svc.pid!, 'sys'), rawUser: cpuOf(raw.pid!, 'user'), rawSys: cpuOf(raw.pid!, 'sys'), svc: cpuOf(svc.pid!), raw: cpuOf(raw.pid!), me: cpuOf(process.pid), pg: sum(pidsOf('postgres')), nats: sum(pidsOf('nats-server')) };
}
async function measure(name: string, f: () => Promise<{ count: number; rps: number }>) {
  const a = snapshot(); const r = await f(); const b = snapshot();
  const per = Object.fromEntries(Object.entries(b).map(([k, v]) => [k, ((v - (a as never)[k]) / r.count).toFixed(3)]));
  console.log(name, r.rps.toFixed(0), 'req/s; cpu ms/req', JSON.stringify(per));
}
const mode = process.env.PROBE ?? 'both';
try {
  if (mode !== 'svc') await measure('raw', () => load('raw', async (i) => { await nc.request(rawSubject, JSON.stringify({ title: '楼道灯不亮', description: '二单元楼道灯不亮', areaPath: GRID, i }), { timeout: 15000 }); }));
  if (mode !== 'raw') await measure('svc', () => load('svc', (i) => client.request(SubmitTicketCommand, body(i), { actor: staff })));
} finally {
  await deleteStreams(nc, prefix).catch(() => undefined); await nc.close(); await stop(svc); await stop(raw);
  await databases.drop(db.name); await databases.drop(rawDb.name);
}
