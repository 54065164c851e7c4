import { Channel, DeliveryStatus, Locale, MessageType } from '@gov/contracts-notifications';
import { defineEntity, p } from '@mikro-orm/core';

const DeliverySchema = defineEntity({
  name: 'Delivery',
  tableName: 'delivery',
  properties: {
    id: p.uuid().primary(),
    /** One delivery per source, recipient, type and channel, whatever redelivers or restarts. */
    dedupeKey: p.string().length(300).unique('delivery_dedupe_unique'),
    noticeId: p.uuid().nullable(),
    messageType: p.enum(MessageType.options),
    recipientId: p.string().length(128),
    channel: p.enum(Channel.options),
    locale: p.enum(Locale.options),
    title: p.string().length(200),
    body: p.string().length(2_000),
    /** Phone, WeChat open id or e-mail address; null in-app. */
    address: p.string().length(200).nullable(),
    status: p.enum(DeliveryStatus.options),
    /** Why it was suppressed, throttled or failed. */
    reason: p.string().length(500).nullable(),
    /** Quiet hours and retries push this later. */
    notBefore: p.datetime().length(3),
    attempts: p.integer(),
    inboxMessageId: p.uuid().nullable(),
    /** The template data, for providers that fill their own templates (WeChat). */
    data: p.json<Record<string, string | number>>().nullable(),
    createdAt: p.datetime().length(3),
    sentAt: p.datetime().length(3).nullable(),
    readAt: p.datetime().length(3).nullable(),
  },
  indexes: [
    { name: 'delivery_notice_idx', properties: ['noticeId', 'recipientId'] },
    // The throttle counts a person's recent deliveries; the sender takes queued ones whose time has come.
    { name: 'delivery_recipient_recent_idx', properties: ['recipientId', 'createdAt'] },
    { name: 'delivery_queued_idx', expression: `create index "delivery_queued_idx" on "delivery" ("not_before") where "status" = 'QUEUED'` },
  ],
});

/** One message to one person on one channel, and where it stands (queued → sent → delivered → read …). */
export class Delivery extends DeliverySchema.class {}
DeliverySchema.setClass(Delivery);

const PreferenceSchema = defineEntity({
  name: 'Preference',
  tableName: 'preference',
  properties: {
    personId: p.string().length(128).primary(),
    locale: p.enum(Locale.options),
    quietStart: p.string().length(5).nullable(),
    quietEnd: p.string().length(5).nullable(),
    channels: p.json<{ type: string; channel: string; enabled: boolean }[]>(),
    contacts: p.json<{ phone?: string; wechatOpenId?: string; email?: string }>(),
    updatedAt: p.datetime().length(3),
  },
});

/** A person's language, quiet hours, channel choices per message type and contacts. */
export class Preference extends PreferenceSchema.class {}
PreferenceSchema.setClass(Preference);
