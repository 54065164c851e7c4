// The benchmark's baselines: a bare nats.js subscription that creates the area with `pg` and replies with the
// row. No framework, no validation. MODE=insert (the baseline): one INSERT. MODE=transaction: the same
// database work the service does by hand: in one transaction, read the parent, insert the area and its
// outbox row (no relay). MODE=ticket: one INSERT of a submitted ticket (the tickets bench's baseline).
// MODE=ticket-same-work: ticket, history line and outbox row in one transaction, a statement at a time;
// MODE=ticket-one-trip: the same three rows in one multi-statement query, as the tickets service writes them;
// MODE=ticket-one-trip-relayed: that, plus an outbox relay by hand publishing the events to JetStream.
// Env: DATABASE_URL, NATS_URL, SUBJECT, PARENT_ID, MODE.
import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 10) });
const nc = await connect({ servers: process.env.NATS_URL, name: 'bench-raw' });
const parentId = process.env.PARENT_ID ?? '';
const INSERT_AREA = `insert into area (id, code, name, type, parent_id, path, depth, status, version, created_at, updated_at)
  values ($1, $2, $3, 'STREET', $4, $5, 1, 'ACTIVE', 1, now(), now()) returning *`;

async function insertOnly(request: { code: string; name: string }) {
  const { rows } = await pool.query(INSERT_AREA, [randomUUID(), request.code, request.name, parentId, `/D/${request.code}/`]);
  return rows[0];
}

/** Runs `work` in one transaction on one pooled connection. */
async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

function sameWork(request: { code: string; name: string }) {
  return inTransaction(async (client) => {
    const { rows: parents } = await client.query('select path from area where id = $1', [parentId]);
    const path = `${parents[0].path}${request.code}/`;
    const { rows } = await client.query(INSERT_AREA, [randomUUID(), request.code, request.name, parentId, path]);
    await client.query(
      `insert into outbox (id, subject, payload, headers, created_at) values ($1, 'evt.party.area.created.v1', $2, $3, now())`,
      [randomUUID(), JSON.stringify(rows[0]), JSON.stringify({ 'ce-type': 'evt.party.area.created.v1' })],
    );
    return rows[0];
  });
}

async function insertTicket(request: { title: string; description: string; areaPath: string }) {
  const { rows } = await pool.query(
    `insert into ticket (id, status, channel, reporter, reporter_person_id, location, area_path, attributes, title, description,
       attachments, reopen_count, me_too_count, submitted_by, proactive, paused_seconds, sla, revisits, related, clocks_from, version, reported_at, updated_at)
     values ($1, 'SUBMITTED', 'GRID_QR', $2, 'raw', $3, $4, '{}', $5, $6, '[]', 0, 0, 'raw', false, 0, '[]', '[]', '[]', now(), 1, now(), now())
     returning *`,
    [randomUUID(), JSON.stringify({ type: 'RESIDENT', personId: 'raw' }), JSON.stringify({ areaPath: request.areaPath, freeText: 'x' }), request.areaPath, request.title, request.description],
  );
  return rows[0];
}

/** What the tickets service must write for a submit: the ticket, its history line and its outbox row, atomically. */
function ticketSameWork(request: { title: string; description: string; areaPath: string }) {
  return inTransaction(async (client) => {
    const id = randomUUID();
    const { rows } = await client.query(
      `insert into ticket (id, status, channel, reporter, reporter_person_id, location, area_path, attributes, title, description,
         attachments, reopen_count, me_too_count, submitted_by, proactive, paused_seconds, sla, revisits, related, clocks_from, version, reported_at, updated_at)
       values ($1, 'SUBMITTED', 'GRID_QR', $2, 'raw', $3, $4, '{}', $5, $6, '[]', 0, 0, 'raw', false, 0, '[]', '[]', '[]', now(), 1, now(), now())
       returning *`,
      [id, JSON.stringify({ type: 'RESIDENT', personId: 'raw' }), JSON.stringify({ areaPath: request.areaPath, freeText: 'x' }), request.areaPath, request.title, request.description],
    );
    await client.query(
      `insert into ticket_transition (id, ticket_id, action, from_status, to_status, actor_id, actor_roles, reason, at)
       values ($1, $2, 'submit', null, 'SUBMITTED', 'raw', '[]', null, now())`,
      [randomUUID(), id],
    );
    await client.query(
      `insert into outbox (id, subject, payload, headers, created_at) values ($1, 'evt.tickets.ticket.submitted.v1', $2, $3, now())`,
      [randomUUID(), JSON.stringify(rows[0]), JSON.stringify({ 'ce-type': 'evt.tickets.ticket.submitted.v1' })],
    );
    return rows[0];
  });
}

/** The same three rows sent as one multi-statement query: one round trip, one implicit transaction. */
async function ticketOneTrip(request: { title: string; description: string; areaPath: string }) {
  const client = await pool.connect();
  try {
    const q = (value: string) => client.escapeLiteral(value);
    const id = randomUUID();
    const row = { id, status: 'SUBMITTED', title: request.title, areaPath: request.areaPath };
    await client.query(
      `insert into ticket (id, status, channel, reporter, reporter_person_id, location, area_path, attributes, title, description,
         attachments, reopen_count, me_too_count, submitted_by, proactive, paused_seconds, sla, revisits, related, clocks_from, version, reported_at, updated_at)
       values (${q(id)}, 'SUBMITTED', 'GRID_QR', ${q(JSON.stringify({ type: 'RESIDENT', personId: 'raw' }))}, 'raw', ${q(JSON.stringify({ areaPath: request.areaPath, freeText: 'x' }))},
         ${q(request.areaPath)}, '{}', ${q(request.title)}, ${q(request.description)}, '[]', 0, 0, 'raw', false, 0, '[]', '[]', '[]', now(), 1, now(), now());
       insert into ticket_transition (id, ticket_id, action, from_status, to_status, actor_id, actor_roles, reason, at)
       values (${q(randomUUID())}, ${q(id)}, 'submit', null, 'SUBMITTED', 'raw', '[]', null, now());
       insert into outbox (id, subject, payload, headers, created_at)
       values (${q(randomUUID())}, 'evt.tickets.ticket.submitted.v1', ${q(JSON.stringify(row))}, ${q(JSON.stringify({ 'ce-type': 'evt.tickets.ticket.submitted.v1' }))}, now())`,
    );
    return row;
  } finally {
    client.release();
  }
}

/**
 * The outbox relay by hand, for MODE=ticket-one-trip-relayed: claim unpublished rows (FOR UPDATE SKIP LOCKED in
 * a transaction), publish each to JetStream with its id as msgID, delete them; after a partial batch
 * wait 5 ms for more, as the platform's relay does. So the raw path pays for the events as the service does.
 */
async function relayByHand(prefix: string) {
  const { jetstream, jetstreamManager } = await import('@nats-io/jetstream');
  const stream = `${prefix.replace(/[^A-Za-z0-9_-]/g, '_').replace(/_$/, '')}_RAWTICKETS`.toUpperCase();
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: stream, subjects: [`${prefix}rawevt.>`] }).catch(() => undefined);
  process.once('SIGTERM', () => void jsm.streams.delete(stream).catch(() => undefined));
  const js = jetstream(nc);
  // A connection of its own, outside the pool, so ending the pool at SIGTERM does not wait for it.
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  for (;;) {
    await client.query('begin');
    const { rows } = await client.query<{ id: string; subject: string; payload: unknown }>(
      'select id, subject, payload from outbox order by created_at limit 200 for update skip locked',
    );
    await Promise.all(rows.map((row) => js.publish(`${prefix}raw${row.subject}`, row.payload as string, { msgID: row.id })));
    if (rows.length > 0) await client.query('delete from outbox where id = any($1::uuid[])', [rows.map((row) => row.id)]);
    await client.query('commit');
    await new Promise((resolve) => setTimeout(resolve, rows.length === 0 ? 20 : 5));
  }
}
if (process.env.MODE === 'ticket-one-trip-relayed') void relayByHand(process.env.RELAY_PREFIX ?? 'bench.');

const modes = { 'ticket-one-trip-relayed': ticketOneTrip, 'ticket-one-trip': ticketOneTrip, transaction: sameWork, ticket: insertTicket, 'ticket-same-work': ticketSameWork, insert: insertOnly } as Record<string, (r: never) => Promise<unknown>>;
const create = modes[process.env.MODE ?? 'insert'] ?? insertOnly;
nc.subscribe(process.env.SUBJECT!, {
  queue: 'raw',
  callback: (_error, message) => {
    // A failed insert answers with the error instead of leaving the caller to time out.
    void create(message.json<never>()).then(
      (row) => message.respond(JSON.stringify(row)),
      (error: Error) => message.respond(JSON.stringify({ error: error.message })),
    );
  },
});
await nc.flush();
console.log('raw responder ready');
process.once('SIGTERM', () => void nc.drain().then(() => pool.end()).then(() => process.exit(0)));
