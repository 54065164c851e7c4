import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AcknowledgeTicketCommand, GetTicketQuery, SubmitTicketCommand, TicketAcknowledgedEvent, TicketHistoryQuery, TicketSubmittedEvent } from '@gov/contracts-tickets';
import { RpcClient, runMigrations, startService, streamName, type RunningService } from '@gov/platform';
import { jetstreamManager } from '@nats-io/jetstream';
import { aGridWorker, EventSpy, refusalCode, uniquePrefix } from '@gov/testing';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { ticketsService } from '../service';

const GRID = '/310117/310117001/310117001001/G01/';

/** `npm start` runs on embedded PGlite: the same migrations, and submits written together, must work there. */
describe('tickets on PGlite (the zero-setup default)', () => {
  let dir: string;
  let service: RunningService;
  let nc: NatsConnection;
  let spy: EventSpy;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'pglite-tickets-'));
    const env = { DATA_DIR: dir, NATS_URL: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222', NATS_SUBJECT_PREFIX: prefix, LOG_LEVEL: 'silent', SLA_SWEEP_MS: '0' };
    await runMigrations(ticketsService, env);
    service = await startService(ticketsService, env);
    nc = await connect({ servers: env.NATS_URL });
    spy = new EventSpy(nc, prefix);
  }, 120_000);
  afterAll(async () => {
    spy?.stop();
    await service?.stop();
    const jsm = await jetstreamManager(nc);
    for await (const stream of jsm.streams.list()) if (stream.config.name.startsWith(streamName(prefix, ''))) await jsm.streams.delete(stream.config.name);
    await nc?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('takes a ticket in and moves it on, storing its history and publishing its events', async () => {
    const client = new RpcClient(nc, { prefix, timeoutMs: 15_000 });
    const worker = aGridWorker(GRID);
    const ticket = await client.request(
      SubmitTicketCommand,
      { channel: 'PHONE', reporter: { type: 'RESIDENT', personId: 'r-pglite', name: "O'Neil" }, location: { areaPath: GRID, freeText: '1号楼' }, title: '漏水', description: '楼道漏水' },
      { actor: worker },
    );
    expect(await client.request(GetTicketQuery, { id: ticket.id }, { actor: worker })).toMatchObject({ id: ticket.id, status: 'SUBMITTED', reporter: { name: "O'Neil" } });
    await spy.waitFor(TicketSubmittedEvent.subject, (e) => e.data.id === ticket.id);
    // A lifecycle move: the versioned write-back and its history line and event, in one transaction there too.
    const acknowledged = await client.request(AcknowledgeTicketCommand, { id: ticket.id, expectedVersion: 1 }, { actor: worker });
    expect(acknowledged).toMatchObject({ status: 'ACKNOWLEDGED', version: 2, firstContactOwnerId: worker.id });
    await spy.waitFor(TicketAcknowledgedEvent.subject, (e) => e.data.id === ticket.id);
    expect(await refusalCode(client.request(AcknowledgeTicketCommand, { id: ticket.id, expectedVersion: 1 }, { actor: worker }))).toBe('CONFLICT');
    const history = await client.request(TicketHistoryQuery, { id: ticket.id }, { actor: worker });
    expect(history.items.map((h) => h.action)).toEqual(['submit', 'acknowledge']);
  });
});
