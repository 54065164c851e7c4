import { randomUUID } from 'node:crypto';
import { hasAnyRole, type Actor, type RequestOf } from '@gov/contracts-core';
import { RegisterWebhookCommand as Register, type RegisterWebhookCommand } from '@gov/contracts-notifications';
import type { Ticket } from '@gov/contracts-tickets';
import { EntityManager, forbidden, Handles, LOGGER, Periodic, SERVICE_CONFIG, type Call, type EventMeta, type Logger } from '@gov/platform';
import { MikroORM } from '@mikro-orm/sql';
import { RequestContext } from '@mikro-orm/core';
import { Controller, Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { NotificationsEnv } from '../config';
import { Ctx, Payload } from '@nestjs/microservices';
import { WebhookDelivery, WebhookSubscription } from './webhook.entities';
import { expired, nextAttemptAt, signature } from './webhook.rules';

/** Queues the event for every endpoint of the unit the ticket is given to, in the consumer's transaction. */
export async function enqueueWebhooks(em: EntityManager, meta: EventMeta, ticket: Ticket): Promise<void> {
  const unitId = ticket.handler && ticket.handler.kind !== 'PERSON' ? ticket.handler.id : null;
  if (!unitId) return;
  const subscriptions = await em.find(WebhookSubscription, { unitId });
  const now = new Date();
  for (const subscription of subscriptions) {
    if (subscription.eventTypes.length > 0 && !subscription.eventTypes.includes(meta.subject)) continue;
    await em.execute(
      `insert into webhook_delivery (id, subscription_id, event_id, event_type, body, status, attempts, next_attempt_at, last_error, created_at, delivered_at)
       values (?, ?, ?, ?, ?, 'PENDING', 0, ?, null, ?, null) on conflict do nothing`,
      [randomUUID(), subscription.id, meta.id, meta.subject, JSON.stringify({ id: meta.id, type: meta.subject, data: ticket }), now, now],
    );
  }
}

/**
 * Sends due deliveries (time injected through `send(now)`): POST with the signature, timestamp and event id
 * headers; a 2xx delivers it; anything else waits for the next slot of the schedule, then dead-letters.
 */
@Injectable()
export class WebhookSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly periodic: Periodic;

  constructor(
    private readonly orm: MikroORM,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsEnv,
  ) {
    this.periodic = new Periodic('webhook send', config.WEBHOOK_SEND_MS, () => this.send(new Date()), logger);
  }

  onApplicationBootstrap() {
    this.periodic.start();
  }

  onApplicationShutdown() {
    return this.periodic.stop();
  }

  send(now: Date): Promise<{ delivered: number; failed: number; deadLettered: number }> {
    return RequestContext.create(this.orm.em, () =>
      this.orm.em.fork().transactional(async (em) => {
        const result = { delivered: 0, failed: 0, deadLettered: 0 };
        const ttlMs = this.config.WEBHOOK_TTL_HOURS * 3_600_000;
        const rows = await em.execute<{ id: string }[]>(
          `select id from webhook_delivery where status = 'PENDING' and next_attempt_at <= ? order by next_attempt_at limit 50 for update skip locked`,
          [now],
        );
        for (const { id } of rows) {
          const delivery = await em.findOneOrFail(WebhookDelivery, { id });
          const subscription = await em.findOneOrFail(WebhookSubscription, { id: delivery.subscriptionId });
          if (expired(delivery.createdAt, now, ttlMs)) {
            delivery.status = 'DEAD_LETTER';
            delivery.nextAttemptAt = null;
            delivery.lastError = `expired: pending for more than ${this.config.WEBHOOK_TTL_HOURS} h`;
            result.deadLettered++;
            continue;
          }
          const timestamp = String(Math.floor(now.getTime() / 1_000));
          let error: string | null = null;
          try {
            const response = await fetch(subscription.url, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                'x-gov-event-id': delivery.eventId,
                'x-gov-event-type': delivery.eventType,
                'x-gov-timestamp': timestamp,
                'x-gov-signature': signature(subscription.secret, timestamp, delivery.body),
              },
              body: delivery.body,
              signal: AbortSignal.timeout(5_000),
            });
            if (!response.ok) error = `HTTP ${response.status}`;
          } catch (failure) {
            error = (failure as Error).message;
          }
          delivery.attempts += 1;
          if (!error) {
            delivery.status = 'DELIVERED';
            delivery.deliveredAt = now;
            delivery.nextAttemptAt = null;
            result.delivered++;
            continue;
          }
          delivery.lastError = error.slice(0, 500);
          const next = nextAttemptAt(delivery.createdAt, delivery.attempts, ttlMs);
          if (next) {
            delivery.nextAttemptAt = next;
            result.failed++;
          } else {
            delivery.status = 'DEAD_LETTER';
            delivery.nextAttemptAt = null;
            result.deadLettered++;
            this.logger.warn({ deliveryId: delivery.id, url: subscription.url }, 'webhook dead-lettered');
          }
        }
        return result;
      }),
    );
  }
}

/** Units that receive tickets register their own endpoint. */
@Injectable()
export class Webhooks {
  constructor(private readonly em: EntityManager) {}

  register(request: RequestOf<typeof RegisterWebhookCommand>, actor: Actor) {
    const unitId = actor.partnerUnitId ?? actor.unitId;
    if (!unitId || !hasAnyRole(actor, ['PARTNER_CONTACT', 'PROPERTY_MANAGER', 'DEPARTMENT_OFFICER'])) {
      throw forbidden('a webhook belongs to a partner unit, property company or department');
    }
    return this.em.transactional(async (em) => {
      const subscription = em.create(WebhookSubscription, {
        id: randomUUID(),
        unitId,
        url: request.url,
        secret: request.secret,
        eventTypes: request.eventTypes,
        createdAt: new Date(),
      });
      em.persist(subscription);
      return { id: subscription.id, unitId, url: subscription.url, eventTypes: subscription.eventTypes, createdAt: subscription.createdAt.toISOString() };
    });
  }
}

@Controller()
export class WebhooksHandler {
  constructor(private readonly webhooks: Webhooks) {}

  @Handles(Register)
  register(@Payload() request: RequestOf<typeof RegisterWebhookCommand>, @Ctx() call: Call) {
    return this.webhooks.register(request, call.actor);
  }
}
