import { headers as natsHeaders, type NatsConnection } from '@nats-io/nats-core';
import { NoReplyError, ReplyInbox } from '../rpc/reply-inbox';
import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import type { Logger } from 'pino';
import { onOutboxInsert } from '../orm/insert-together';
import { sqlArray } from '../orm/sql-array';
import { OutboxMessage } from '../orm/platform-entities';

export interface RelayOptions {
  prefix: string;
  batchSize?: number;
  /** How long the relay sleeps when nothing nudges it; the safety net for a missed nudge or another replica. */
  idleMs?: number;
  /** How long a batch waits for JetStream's acknowledgements before it is tried again. */
  ackTimeoutMs?: number;
  /**
   * After a partial batch, how long to let further commits accumulate before the next claim. Under load this
   * turns one relay transaction per event into one per batch, for a few milliseconds of event latency.
   */
  coalesceMs?: number;
}

interface OutboxRow {
  id: string;
  subject: string;
  payload: string;
  headers: string;
}

/**
 * Publishes committed outbox rows to JetStream (msgID = row id, so a retry after a crash is deduplicated by
 * the stream) and deletes them once the stream has acknowledged them: the stream keeps the events, and the
 * table holds only what is still to be sent. Rows are claimed with FOR UPDATE SKIP LOCKED inside a transaction so
 * several replicas can relay side by side. Commits that wrote outbox rows nudge it at once.
 */
export class OutboxRelay {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private nudged = false;
  private readonly wrote = new WeakSet<object>();
  published = 0;
  pending = 0;
  private readonly publisher: PipelinedPublisher;

  constructor(
    private readonly orm: MikroORM,
    nc: NatsConnection,
    private readonly logger: Logger,
    private readonly options: RelayOptions,
  ) {
    this.publisher = new PipelinedPublisher(nc);
    onOutboxInsert(orm.config, (transaction) => (transaction ? this.wrote.add(transaction) : this.nudge()));
    orm.em.getEventManager().registerSubscriber({
      afterFlush: (args) => {
        if (args.uow.getChangeSets().some((changeSet) => changeSet.entity instanceof OutboxMessage)) {
          this.wrote.add(args.em);
        }
      },
      afterTransactionCommit: (args) => {
        if (this.wrote.has(args.em)) this.nudge();
      },
    });
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop() {
    this.running = false;
    this.nudge();
    await this.loop;
    this.publisher.close();
  }

  nudge() {
    this.nudged = true;
    this.wake?.();
  }

  private async run() {
    const idleMs = this.options.idleMs ?? 500;
    while (this.running) {
      let relayed = 0;
      try {
        this.nudged = false;
        relayed = await this.relayBatch();
      } catch (error) {
        this.logger.warn({ err: error }, 'outbox relay failed; retrying');
        await this.sleep(1_000);
        continue;
      }
      if (relayed === 0 && !this.nudged) await this.sleep(idleMs);
      else if (relayed < (this.options.batchSize ?? 200)) {
        await new Promise((resolve) => setTimeout(resolve, this.options.coalesceMs ?? 5));
      }
    }
  }

  private sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).finally(() => {
      this.wake = undefined;
    });
  }

  /** Relays one batch; returns how many rows it published. */
  async relayBatch(): Promise<number> {
    const batchSize = this.options.batchSize ?? 200;
    const em: EntityManager = this.orm.em.fork();
    const count = await em.transactional(async (tx) => {
      const rows = await tx.execute<OutboxRow[]>(
        'select id, subject, payload, headers from outbox order by created_at limit ? for update skip locked',
        [batchSize],
      );
      if (rows.length === 0) return 0;
      // Published back to back on one connection, so the stream stores them in outbox order.
      await this.publisher.publishAll(
        rows.map((row) => ({ subject: `${this.options.prefix}${row.subject}`, payload: row.payload, msgId: row.id, headers: row.headers })),
        this.options.ackTimeoutMs ?? 10_000,
      );
      await tx.execute('delete from outbox where id = any(?::uuid[])', [sqlArray(rows.map((row) => row.id))]);
      return rows.length;
    });
    this.published += count;
    return count;
  }

  /** Rows not yet published (for readiness and metrics). */
  async backlog(): Promise<number> {
    const [row] = await this.orm.em
      .fork()
      .execute<{ n: string }[]>('select count(*) as n from outbox');
    this.pending = Number(row?.n ?? 0);
    return this.pending;
  }
}

/**
 * JetStream publishes pipelined: every event of a batch goes out at once, each with its own reply subject,
 * and the batch waits for all the acknowledgements together. The protocol of `js.publish` (the
 * `Nats-Msg-Id` header; a PubAck or an error back) over the platform's reply inbox.
 */
class PipelinedPublisher {
  private readonly inbox: ReplyInbox;

  constructor(nc: NatsConnection) {
    this.inbox = new ReplyInbox(nc);
  }

  async publishAll(messages: { subject: string; payload: string; msgId: string; headers: string }[], timeoutMs: number) {
    await Promise.all(
      messages.map(async (message) => {
        const h = natsHeaders();
        for (const [name, value] of Object.entries(JSON.parse(message.headers) as Record<string, unknown>)) h.set(name, String(value));
        h.set('Nats-Msg-Id', message.msgId);
        let ack: { stream?: string; error?: { description?: string } };
        try {
          ack = (await this.inbox.request(message.subject, message.payload, { headers: h, timeoutMs })).json();
        } catch (error) {
          if (error instanceof NoReplyError && error.reason === 'NO_RESPONDERS') throw new Error(`JetStream did not store the event: no stream takes ${message.subject}`);
          throw error;
        }
        if (ack.error || !ack.stream) throw new Error(`JetStream refused the event: ${ack.error?.description ?? 'no stream in its acknowledgement'}`);
      }),
    );
  }

  close() {
    this.inbox.close();
  }
}
