import { headers as natsHeaders } from '@nats-io/nats-core';
import type { JetStreamClient } from '@nats-io/jetstream';
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

  constructor(
    private readonly orm: MikroORM,
    private readonly js: JetStreamClient,
    private readonly logger: Logger,
    private readonly options: RelayOptions,
  ) {
    onOutboxInsert(orm.config, () => this.nudge());
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
      await Promise.all(
        rows.map((row) => {
          const h = natsHeaders();
          for (const [name, value] of Object.entries(JSON.parse(row.headers) as Record<string, unknown>)) h.set(name, String(value));
          return this.js.publish(`${this.options.prefix}${row.subject}`, row.payload, { msgID: row.id, headers: h });
        }),
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
