import { brandedId, defineCommand, defineErrors, defineQuery, IdempotencyKey, page, type ServiceContracts } from '@gov/contracts-core';
import { z } from 'zod';
import { ListDoorToDoorTasksQuery, RecordVisitOutcomeCommand } from './door-to-door';
import { DeliveryStatus, Locale, MessageData, MessageType } from './messages';
import {
  ApproveNoticeCommand,
  GetNoticeQuery,
  NoticeApprovedEvent,
  NoticeDeliveryReportQuery,
  NoticeDispatchedEvent,
  NoticePublishedEvent,
  NoticeRetractedEvent,
  PublishNoticeCommand,
  ResendNoticeCommand,
  RetractNoticeCommand,
} from './notices';
import { GetPreferencesQuery, SetPreferencesCommand } from './preferences';

export * from './messages';
export * from './notices';
export * from './preferences';
export * from './door-to-door';

export const NotificationErrors = defineErrors('notifications', {
  'NOTIFICATIONS.TEMPLATE_VARIABLE_MISSING': {
    status: 422,
    zh: '消息模板缺少变量',
    en: 'The message template is missing a variable',
  },
  'NOTIFICATIONS.UNKNOWN_AUDIENCE': {
    status: 422,
    zh: '通知对象不存在：区域未知或其中没有该小区、楼栋或楼道',
    en: 'Unknown audience: the area is unknown, or has no such estate, building or stairwell',
  },
  'NOTIFICATIONS.AUDIENCE_EMPTY': { status: 422, zh: '通知对象中没有任何可送达的人', en: 'The audience reaches nobody' },
  'NOTIFICATIONS.PUBLICATION_TOO_SHORT': {
    status: 422,
    zh: '公示期短于此类公告的最短期限',
    en: 'The public-notice period is shorter than this kind of notice requires',
  },
  'NOTIFICATIONS.NOTICE_NOT_FOUND': { status: 404, zh: '公告不存在', en: 'The notice does not exist' },
  'NOTIFICATIONS.NOTICE_NOT_PENDING': { status: 409, zh: '该公告不在待审批状态', en: 'The notice is not awaiting approval' },
  'NOTIFICATIONS.NOTICE_ALREADY_SENT': { status: 409, zh: '公告已开始发送，不能撤回', en: 'The notice has already gone out and cannot be withdrawn' },
  'NOTIFICATIONS.TASK_NOT_FOUND': { status: 404, zh: '入户任务不存在', en: 'The door-to-door task does not exist' },
  'NOTIFICATIONS.HOUSEHOLD_NOT_IN_TASK': { status: 422, zh: '该户不在此入户名单中', en: 'The household is not on this visit list' },
  'NOTIFICATIONS.DELIVERY_NOT_FOUND': { status: 404, zh: '投递记录不存在', en: 'The delivery does not exist' },
  'NOTIFICATIONS.RECEIPT_NOT_APPLICABLE': {
    status: 409,
    zh: '该投递尚未发出或已有结果，不能记录回执',
    en: 'A receipt applies only to a delivery that was sent and has no outcome yet',
  },
  'NOTIFICATIONS.IDEMPOTENCY_KEY_REUSED': {
    status: 422,
    zh: '幂等键已用于内容不同的请求',
    en: 'The idempotency key was already used for a different request',
  },
});


export const MessageId = brandedId('MessageId');


export const InboxMessage = z.object({
  id: MessageId,
  recipientId: z.string(),
  type: MessageType,
  locale: Locale,
  title: z.string(),
  body: z.string(),
  ticketId: z.string().nullable(),
  noticeId: z.string().nullable(),
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

export const SendMessageCommand = defineCommand({
  subject: 'notifications.message.send',
  description:
    'Send a catalogue message (e.g. MEETING_CONVENED) to named people, through their preferences. The data must fill every variable of the type’s templates, or nothing is sent.',
  request: z.object({
    type: MessageType,
    recipients: z.array(z.string().min(1).max(128)).min(1).max(500),
    data: MessageData,
    idempotencyKey: IdempotencyKey.optional(),
  }),
  response: z.object({ deliveries: z.number().int().describe('Deliveries written (one per person and channel)') }),
  errors: ['NOTIFICATIONS.TEMPLATE_VARIABLE_MISSING'],
});

export const RecordReceiptCommand = defineCommand({
  subject: 'notifications.delivery.receipt',
  description:
    'A provider’s delivery receipt for an SMS, WeChat or e-mail message it accepted (SENT): DELIVERED to the handset or inbox, or FAILED after all.',
  request: z.object({
    deliveryId: z.uuid(),
    status: z.enum(['DELIVERED', 'FAILED']),
    reason: z.string().trim().max(500).optional(),
  }),
  response: z.object({ deliveryId: z.uuid(), status: DeliveryStatus }),
  errors: ['NOTIFICATIONS.DELIVERY_NOT_FOUND', 'NOTIFICATIONS.RECEIPT_NOT_APPLICABLE'],
});

export const FollowUnitCommand = defineCommand({
  subject: 'notifications.unit.follow',
  description:
    'A department officer follows their own department (the unit in their identity): the whistles blown to it (吹哨) reach them in-app and by the channels they chose.',
  request: z.object({ follow: z.boolean().default(true).describe('false stops following') }),
  response: z.object({ unitId: z.string(), following: z.boolean() }),
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
  requests: [
    ListInboxQuery,
    MarkReadCommand,
    RegisterWebhookCommand,
    SendMessageCommand,
    RecordReceiptCommand,
    FollowUnitCommand,
    PublishNoticeCommand,
    ApproveNoticeCommand,
    RetractNoticeCommand,
    GetNoticeQuery,
    NoticeDeliveryReportQuery,
    ResendNoticeCommand,
    GetPreferencesQuery,
    SetPreferencesCommand,
    ListDoorToDoorTasksQuery,
    RecordVisitOutcomeCommand,
  ],
  events: [NoticePublishedEvent, NoticeApprovedEvent, NoticeRetractedEvent, NoticeDispatchedEvent],
  errors: NotificationErrors,
};
