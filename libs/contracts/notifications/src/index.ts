import { brandedId, defineCommand, defineErrors, defineQuery, page, type ServiceContracts } from '@gov/contracts-core';
import { z } from 'zod';

export const NotificationErrors = defineErrors('notifications', {
  'NOTIFICATIONS.TEMPLATE_VARIABLE_MISSING': {
    status: 422,
    zh: '消息模板缺少变量',
    en: 'The message template is missing a variable',
  },
  'NOTIFICATIONS.UNKNOWN_LOCALE': { status: 422, zh: '不支持的语言', en: 'Unsupported locale' },
});

export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

export const MessageId = brandedId('MessageId');

/** Message types of the catalogue (apps/notifications/src/catalogue.ts holds their templates). */
export const MessageType = z.enum(['TICKET_ACKNOWLEDGED', 'TICKET_DISPATCHED_TO_YOU', 'TICKET_RESOLVED_PLEASE_RATE', 'TICKET_REOPENED']);
export type MessageType = z.infer<typeof MessageType>;

export const InboxMessage = z.object({
  id: MessageId,
  recipientId: z.string(),
  type: MessageType,
  locale: Locale,
  title: z.string(),
  body: z.string(),
  ticketId: z.string().nullable(),
  readAt: z.iso.datetime({ offset: true }).nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type InboxMessage = z.infer<typeof InboxMessage>;

export const ListInboxQuery = defineQuery({
  subject: 'notifications.inbox.list',
  description: "The caller's in-app inbox, newest first, with the unread count.",
  request: z.object({
    unreadOnly: z.boolean().default(false),
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.string().max(100).optional(),
  }),
  response: page(InboxMessage).extend({ unread: z.number().int() }),
});

export const MarkReadCommand = defineCommand({
  subject: 'notifications.inbox.mark-read',
  description: 'Mark some of your own messages read; others are ignored.',
  request: z.object({ ids: z.array(MessageId).min(1).max(200) }),
  response: z.object({ marked: z.number().int(), unread: z.number().int() }),
});

export const WebhookSubscription = z.object({
  id: z.uuid(),
  unitId: z.string(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  createdAt: z.iso.datetime({ offset: true }),
});

export const RegisterWebhookCommand = defineCommand({
  subject: 'notifications.webhook.register',
  description:
    "A partner unit, property company or department registers its URL and secret; it then receives the events of the tickets given to it, signed (x-gov-signature: sha256=HMAC(secret, timestamp + '.' + body)).",
  request: z.object({
    url: z
      .url()
      .refine((url) => /^https?:\/\//.test(url), 'the URL must be http or https')
      .describe('Where to POST the events'),
    secret: z.string().min(16).max(200).describe('Shared secret for the HMAC-SHA256 signature'),
    eventTypes: z
      .array(z.string().regex(/^evt\.tickets\.ticket\.[a-z-]+\.v\d+$/))
      .max(20)
      .default([])
      .describe('Only these event types; all ticket events when empty'),
  }),
  response: WebhookSubscription,
});

export const NotificationContracts: ServiceContracts = {
  service: 'notifications',
  requests: [ListInboxQuery, MarkReadCommand, RegisterWebhookCommand],
  events: [],
  errors: NotificationErrors,
};
