import { defineEvent } from '@gov/contracts-core';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import type { MikroORM } from '@mikro-orm/sql';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { acquireInfra, TestDatabases, uniquePrefix, type TestInfra } from '@gov/testing';
import pino from 'pino';
import { z } from 'zod';
import { createOrm, ensureStream, insertTogether, OutboxMessage, OutboxRelay, outboxRow, ProcessedMessage, streamName } from '@gov/platform';

const Pinged = defineEvent({ subject: 'evt.relaytest.thing.pinged.v1', description: 'a test event', payload: z.object({ n: z.number() }) });

/** The platform's relay against real PostgreSQL and JetStream: what is stored is deleted, what is refused stays. */
describe('outbox relay', () => {
  let infra: TestInfra;
  let databases: TestDatabases;
  let database: { name: string; url: string };
  let orm: MikroORM;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let relay: OutboxRelay;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    infra = await acquireInfra();
    databases = new TestDatabases(infra.adminDatabaseUrl);
    database = await databases.create('relay');
    orm = (await createOrm({ service: 'relaytest', entities: [], migrations: [] }, { DATABASE_URL: database.url, DATA_DIR: '.data', DB_POOL_MAX: 2 })) as MikroORM;
    await orm.schema.create();
    nc = await connect({ servers: infra.natsUrl });
    jsm = await jetstreamManager(nc);
    // Asleep for a minute unless nudged: an event relayed in seconds was nudged.
    relay = new OutboxRelay(orm, nc, pino({ level: 'silent' }), { prefix, ackTimeoutMs: 2_000, idleMs: 60_000 });
  });
  afterAll(async () => {
    await relay?.stop();
    await jsm?.streams.delete(streamName(prefix, 'relaytest')).catch(() => undefined);
    await nc?.close();
    await orm?.close(true);
    await databases?.drop(database.name);
    await infra?.stop();
  });

  async function write(n: number, id?: string) {
    const em = orm.em.fork();
    const row = outboxRow(Pinged, { n }, { subject: `thing-${n}` });
    em.persist(em.create(OutboxMessage, { ...row.data, id: id ?? row.data.id }));
    await em.flush();
    return id ?? row.data.id;
  }
  const pendingIds = async () => (await orm.em.fork().find(OutboxMessage, {}, { orderBy: { createdAt: 'asc' } })).map((m) => m.id);

  it('keeps the rows when no stream takes their subject, and says why', async () => {
    const id = await write(1);
    await expect(relay.relayBatch()).rejects.toThrow(/no stream takes/);
    expect(await pendingIds()).toEqual([id]);
  });

  it('publishes the rows in order with their ids and CloudEvents headers, then deletes them', async () => {
    await ensureStream(nc, prefix, 'relaytest', jsm);
    const ids = [(await pendingIds())[0]!, await write(2), await write(3)];
    expect(await relay.relayBatch()).toBe(3);
    expect(await pendingIds()).toEqual([]);
    const stream = streamName(prefix, 'relaytest');
    expect((await jsm.streams.info(stream)).state.messages).toBe(3);
    for (const [index, id] of ids.entries()) {
      const stored = (await jsm.streams.getMessage(stream, { seq: index + 1 }))!;
      expect(stored.header.get('Nats-Msg-Id')).toBe(id);
      expect(stored.header.get('ce-id')).toBe(id);
      expect(stored.header.get('ce-type')).toBe(Pinged.subject);
      expect(stored.json()).toEqual({ n: index + 1 });
    }
  });

  it('lets JetStream drop a row sent again after a crash (same id), and still clears it', async () => {
    const stream = streamName(prefix, 'relaytest');
    const first = (await jsm.streams.getMessage(stream, { seq: 1 }))!.header.get('Nats-Msg-Id');
    await write(1, first);
    expect(await relay.relayBatch()).toBe(1);
    expect(await pendingIds()).toEqual([]);
    expect((await jsm.streams.info(stream)).state.messages).toBe(3);
  });

  it('writes rows together inside a transaction: gone with a rollback, relayed as soon as it commits', async () => {
    await expect(
      orm.em.fork().transactional(async (em) => {
        await insertTogether(em, [outboxRow(Pinged, { n: 4 }, { subject: 'thing-4' })]);
        throw new Error('the move failed after its rows were written');
      }),
    ).rejects.toThrow(/the move failed/);
    expect(await pendingIds()).toEqual([]);

    relay.start();
    await new Promise((resolve) => setTimeout(resolve, 200)); // the relay finds nothing and goes to sleep
    const stream = streamName(prefix, 'relaytest');
    const before = (await jsm.streams.info(stream)).state.messages;
    const started = Date.now();
    await orm.em.fork().transactional(async (em) => {
      await insertTogether(em, [outboxRow(Pinged, { n: 5 }, { subject: 'thing-5' })]);
    });
    while ((await jsm.streams.info(stream)).state.messages === before) {
      if (Date.now() - started > 10_000) throw new Error('the commit did not nudge the relay');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  it('writes rows together all or nothing, and reports a duplicate as the ORM does', async () => {
    // Rows the relay leaves alone: consumed-message marks.
    const mark = (messageId: string) => ({ type: ProcessedMessage, data: { consumer: 'probe', messageId, processedAt: new Date() } });
    const em = orm.em.fork();
    await insertTogether(em, [mark('m-1')]);
    await expect(insertTogether(em, [mark('m-2'), mark('m-1')])).rejects.toBeInstanceOf(UniqueConstraintViolationException);
    expect(await orm.em.fork().count(ProcessedMessage, { consumer: 'probe' })).toBe(1);
  });
});
