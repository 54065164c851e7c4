// The benchmark's baseline: a bare nats.js subscription that does the same area insert with `pg` and replies
// with the row. No framework, no validation, no outbox. Env: DATABASE_URL, NATS_URL, SUBJECT, PARENT_ID.
import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_MAX ?? 10) });
const nc = await connect({ servers: process.env.NATS_URL, name: 'bench-raw' });
const parentId = process.env.PARENT_ID!;
nc.subscribe(process.env.SUBJECT!, {
  queue: 'raw',
  callback: (_error, message) => {
    const request = message.json<{ code: string; name: string }>();
    void pool
      .query(
        `insert into area (id, code, name, type, parent_id, path, depth, status, version, created_at, updated_at)
         values ($1, $2, $3, 'STREET', $4, $5, 1, 'ACTIVE', 1, now(), now()) returning *`,
        [randomUUID(), request.code, request.name, parentId, `/D/${request.code}/`],
      )
      .then(({ rows }) => message.respond(JSON.stringify(rows[0])));
  },
});
await nc.flush();
console.log('raw responder ready');
process.once('SIGTERM', () => void nc.drain().then(() => pool.end()).then(() => process.exit(0)));
