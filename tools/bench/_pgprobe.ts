import { readFileSync, readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { runMigrations } from '@gov/platform';
import { TestDatabases, uniquePrefix } from '@gov/testing';
import { ticketsService } from '../../apps/tickets/src/service';
import { adminUrl, natsUrl } from './bench-kit';
const databases = new TestDatabases(adminUrl);
const db = await databases.create('pgprobe');
await runMigrations(ticketsService, { DATABASE_URL: db.url, NATS_URL: natsUrl, NATS_SUBJECT_PREFIX: uniquePrefix() });
const svcStmt = readFileSync('/tmp/stmt.sql', 'utf8');
const ids = [...svcStmt.matchAll(/'([0-9a-f]{8}-[0-9a-f-]{27})'/g)].map((m) => m[1]!);
const uniq = [...new Set(ids)];
function pidsOf(name: string) { return readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => { try { return readFileSync(`/proc/${p}/comm`, 'utf8').trim().startsWith(name); } catch { return false; } }).map(Number); }
function pgCpu() { return pidsOf('postgres').reduce((a, p) => { try { const f = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' '); return a + (Number(f[11]) + Number(f[12])) * 10; } catch { return a; } }, 0); }
const pool = new pg.Pool({ connectionString: db.url, max: 10 });
await pool.query(`create table outbox_text ("id" uuid not null, "subject" varchar(255) not null, "payload" text not null, "headers" text not null, "created_at" timestamptz(3) not null, "published_at" timestamptz(3) null, primary key ("id")); create index on outbox_text (created_at) where published_at is null`);
await pool.query(`create table outbox_json ("id" uuid not null, "subject" varchar(255) not null, "payload" json not null, "headers" json not null, "created_at" timestamptz(3) not null, "published_at" timestamptz(3) null, primary key ("id")); create index on outbox_json (created_at) where published_at is null`);
const q = (v: string) => `'${v.replace(/'/g, "''")}'`;
const variants: Record<string, () => string> = {
  service: () => { let s = svcStmt; for (const id of uniq) s = s.split(id).join(randomUUID()); return s; },
  serviceTicketOnly: () => { let s = svcStmt.split(';\n')[0]!; for (const id of uniq) s = s.split(id).join(randomUUID()); return s; },
  serviceNoOutbox: () => { let s = svcStmt.split(';\n').slice(0, 2).join(';\n'); for (const id of uniq) s = s.split(id).join(randomUUID()); return s; },
  serviceOutboxText: () => { let s = svcStmt.replace('insert into "outbox"', 'insert into "outbox_text"'); for (const id of uniq) s = s.split(id).join(randomUUID()); return s; },
  serviceOutboxJson: () => { let s = svcStmt.replace('insert into "outbox"', 'insert into "outbox_json"'); for (const id of uniq) s = s.split(id).join(randomUUID()); return s; },
  rawOneTrip: () => { const id = randomUUID(); return `insert into ticket (id, status, channel, reporter, reporter_person_id, location, area_path, attributes, title, description,
         attachments, reopen_count, me_too_count, submitted_by, proactive, paused_seconds, sla, revisits, related, clocks_from, version, reported_at, updated_at)
       values (${q(id)}, 'SUBMITTED', 'GRID_QR', '{"type":"RESIDENT","personId":"raw"}', 'raw', '{"areaPath":"/3/","freeText":"x"}',
         '/310117/310117001/310117001001/G01/', '{}', '楼道灯不亮', '二单元楼道灯不亮', '[]', 0, 0, 'raw', false, 0, '[]', '[]', '[]', now(), 1, now(), now());
       insert into ticket_transition (id, ticket_id, action, from_status, to_status, actor_id, actor_roles, reason, at)
       values (${q(randomUUID())}, ${q(id)}, 'submit', null, 'SUBMITTED', 'raw', '[]', null, now());
       insert into outbox (id, subject, payload, headers, created_at)
       values (${q(randomUUID())}, 'evt.tickets.ticket.submitted.v1', '{"id":"x","status":"SUBMITTED"}', '{"ce-type":"evt.tickets.ticket.submitted.v1"}', now())`; },
};
const N = Number(process.env.N ?? 4000);
for (const round of [1, 2]) for (const [name, make] of Object.entries(variants)) {
  const c0 = pgCpu(); const t0 = performance.now(); let i = 0;
  await Promise.all(Array.from({ length: 10 }, async () => { while (i++ < N) await pool.query(make()); }));
  const ms = performance.now() - t0; const c = pgCpu() - c0;
  console.log(round, name.padEnd(20), (N / ms * 1000).toFixed(0), 'stmt/s', (c / N).toFixed(3), 'pg cpu ms/stmt');
}
await pool.end();
await databases.drop(db.name);
