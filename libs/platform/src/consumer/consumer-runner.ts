import type { EventContract, PayloadOf } from '@gov/contracts-core';
import { CloudEventHeaders, Headers } from '@gov/contracts-core';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { EntityManager, MikroORM } from '@mikro-orm/sql';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { runInContext } from '../context';
import { DomainError } from '../domain-error';
import { isNotFound, streamNameForSubject } from '../jetstream';

export interface EventMeta {
  id: string;
  subject: string;
  time?: string;
  correlationId: string;
  deliveryCount: number;
}

export interface ConsumerSpec<E extends EventContract> {
  /** The consuming service, e.g. `notifications`. */
  consumer: string;
  event: E;
  /** Messages handled at once by this replica. */
  concurrency?: number;
  /** Runs inside the consumer's transaction; the processed-message row commits with its writes. */
  handle(em: EntityManager, payload: PayloadOf<E>, meta: EventMeta): Promise<void>;
}

/** `<consumer>-<service>-<aggregate>-<past>-v<N>`, no dots. */
export function durableName(consumer: string, eventSubject: string): string {
  return [consumer, ...eventSubject.split('.').slice(1)].join('-');
}

/** Redelivery backoff: 1 s, 2 s, 4 s … capped at 60 s. */
export function nakDelay(deliveryCount: number): number {
  return Math.min(60_000, 1_000 * 2 ** Math.max(0, deliveryCount - 1));
}

/**
 * Runs a durable JetStream consumer: explicit ack, nak with backoff on failure, term on a payload that breaks
 * the contract, a cap on messages in flight, and the processed-message id recorded in the handler's
 * transaction so a redelivered event is applied once. The loop re-establishes itself after errors.
 */
export class ConsumerRunner<E extends EventContract> {
  private running = false;
  private loop?: Promise<void>;
  private stopCurrent?: () => Promise<void>;
  private waitingForStream = false;
  handled = 0;
  duplicates = 0;

  constructor(
    private readonly spec: ConsumerSpec<E>,
    private readonly deps: { orm: MikroORM; nc: NatsConnection; prefix: string; logger: Logger },
  ) {}

  get durable() {
    return durableName(this.spec.consumer, this.spec.event.subject);
  }

  start() {
    this.running = true;
    this.loop = this.run();
  }

  async stop() {
    this.running = false;
    await this.stopCurrent?.();
    await this.loop;
  }

  private async run() {
    const { nc, prefix, logger } = this.deps;
    const stream = streamNameForSubject(prefix, this.spec.event.subject);
    const concurrency = this.spec.concurrency ?? 8;
    while (this.running) {
      try {
        const jsm = await jetstreamManager(nc);
        const config = {
          durable_name: this.durable,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          filter_subject: `${prefix}${this.spec.event.subject}`,
          max_ack_pending: concurrency * 4,
          ack_wait: 30 * 1_000_000_000,
        };
        try {
          await jsm.consumers.info(stream, this.durable);
        } catch (error) {
          if (!isNotFound(error)) throw error;
          await jsm.consumers.add(stream, config);
        }
        const consumer = await jetstream(nc).consumers.get(stream, this.durable);
        const messages = await consumer.consume({ max_messages: concurrency });
        this.stopCurrent = async () => {
          await messages.close();
        };
        const inFlight = new Set<Promise<void>>();
        for await (const message of messages) {
          const task = this.process(message).finally(() => inFlight.delete(task));
          inFlight.add(task);
          if (inFlight.size >= concurrency) await Promise.race(inFlight);
          if (!this.running) break;
        }
        await Promise.all(inFlight);
      } catch (error) {
        if (!this.running) break;
        // A stream that does not exist yet belongs to a service not deployed (yet): wait for it quietly.
        const missingStream = isNotFound(error) && /stream/i.test(String((error as Error)?.message));
        if (!missingStream) logger.warn({ err: error, durable: this.durable }, 'consumer loop failed; re-establishing');
        else if (!this.waitingForStream) logger.info({ stream, durable: this.durable }, 'waiting for the stream to exist');
        this.waitingForStream = missingStream;
        await new Promise((resolve) => setTimeout(resolve, missingStream ? 2_000 : 1_000));
      }
    }
  }

  private async process(message: JsMsg) {
    const { logger, orm } = this.deps;
    const id = message.headers?.get(CloudEventHeaders.id) || `${message.info.stream}:${message.seq}`;
    const meta: EventMeta = {
      id,
      subject: this.spec.event.subject,
      time: message.headers?.get(CloudEventHeaders.time) || undefined,
      correlationId: message.headers?.get(Headers.correlationId) || id,
      deliveryCount: message.info.deliveryCount,
    };
    await runInContext({ correlationId: meta.correlationId, subject: meta.subject }, async () => {
      let payload: PayloadOf<E>;
      try {
        payload = this.spec.event.payload.parse(message.json()) as PayloadOf<E>;
      } catch (error) {
        logger.error({ err: error, eventId: id }, 'event breaks its contract; terminated');
        message.term();
        return;
      }
      try {
        const applied = await orm.em.fork().transactional(async (em) => {
          const fresh = await em.execute(
            'insert into processed_message (consumer, message_id, processed_at) values (?, ?, now()) on conflict do nothing returning message_id',
            [this.durable, id],
          );
          if (fresh.length === 0) return false;
          await this.spec.handle(em, payload, meta);
          return true;
        });
        if (applied) this.handled++;
        else this.duplicates++;
        message.ack();
      } catch (error) {
        if (error instanceof ZodError || (error instanceof DomainError && error.code === 'VALIDATION_FAILED')) {
          logger.error({ err: error, eventId: id }, 'event cannot be applied; terminated');
          message.term();
          return;
        }
        logger.warn({ err: error, eventId: id, deliveryCount: meta.deliveryCount }, 'event handler failed; will retry');
        message.nak(nakDelay(meta.deliveryCount));
      }
    });
  }
}
