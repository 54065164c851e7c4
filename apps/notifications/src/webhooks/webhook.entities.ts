import { defineEntity, p } from '@mikro-orm/core';

const WebhookSubscriptionSchema = defineEntity({
  name: 'WebhookSubscription',
  tableName: 'webhook_subscription',
  properties: {
    id: p.uuid().primary(),
    unitId: p.string().length(128).index('webhook_subscription_unit_idx'),
    url: p.string().length(2_000),
    secret: p.string().length(200),
    eventTypes: p.json<string[]>(),
    createdAt: p.datetime().length(3),
  },
});
/** A unit's registered endpoint for the events of the tickets given to it. */
export class WebhookSubscription extends WebhookSubscriptionSchema.class {}
WebhookSubscriptionSchema.setClass(WebhookSubscription);

const WebhookDeliverySchema = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'webhook_delivery',
  properties: {
    id: p.uuid().primary(),
    subscriptionId: p.uuid(),
    eventId: p.string().length(128),
    eventType: p.string().length(128),
    body: p.text(),
    status: p.enum(['PENDING', 'DELIVERED', 'DEAD_LETTER'] as const),
    attempts: p.integer(),
    nextAttemptAt: p.datetime().length(3).nullable().index('webhook_delivery_due_idx'),
    lastError: p.string().length(500).nullable(),
    createdAt: p.datetime().length(3),
    deliveredAt: p.datetime().length(3).nullable(),
  },
  uniques: [{ name: 'webhook_delivery_once', properties: ['subscriptionId', 'eventId'] }],
});
/** One event on its way to one endpoint, with its retries. */
export class WebhookDelivery extends WebhookDeliverySchema.class {}
WebhookDeliverySchema.setClass(WebhookDelivery);
