import { AreaPath, brandedId, defineCommand, defineEvent, defineQuery, IdempotencyKey, Role } from '@gov/contracts-core';
import { z } from 'zod';
import { Channel, DeliveryStatus } from './messages';

export const NoticeId = brandedId('NoticeId');
export type NoticeId = z.infer<typeof NoticeId>;

/** What a notice is about; some kinds carry a minimum public-notice period (公示期). */
export const NoticeKind = z.enum([
  'GENERAL',
  'OUTAGE',
  'WEATHER_WARNING',
  'ANTI_FRAUD',
  'WORKS',
  'CONSULTATION',
  'ELECTION',
  'FEE_RULE',
  'CONVENTION',
  'VILLAGE_AFFAIRS',
]);
export type NoticeKind = z.infer<typeof NoticeKind>;

/** EMERGENCY ignores quiet hours and throttling and adds SMS; ROUTINE may wait out the night. */
export const NoticePriority = z.enum(['EMERGENCY', 'IMPORTANT', 'ROUTINE']);
export type NoticePriority = z.infer<typeof NoticePriority>;

const Ids = z.array(z.string().min(1).max(64)).min(1).max(200);

export const Audience = z.object({
  areaPath: AreaPath.describe('The area subtree reached: a street, a community, a grid'),
  estateIds: Ids.optional().describe('Only households of these estates'),
  buildingIds: Ids.optional().describe('Only households of these buildings'),
  stairwellIds: Ids.optional().describe('Only households of these stairwells'),
  roles: z.array(Role).min(1).max(10).optional().describe('Instead of households: the people holding one of these roles in the area'),
});
export type Audience = z.infer<typeof Audience>;

const Text = z.object({ title: z.string().trim().min(1).max(100), body: z.string().trim().min(1).max(2_000) });

/** zh-CN is required; an English text is optional (English readers get zh-CN otherwise). Other keys are refused. */
export const NoticeContent = z.strictObject({ 'zh-CN': Text, en: Text.optional() });

/** PENDING_APPROVAL → SCHEDULED → DISPATCHING → DISPATCHED; RETRACTED before it goes out. */
export const NoticeStatus = z.enum(['PENDING_APPROVAL', 'SCHEDULED', 'DISPATCHING', 'DISPATCHED', 'RETRACTED']);

export const Notice = z.object({
  id: NoticeId,
  kind: NoticeKind,
  priority: NoticePriority,
  audience: Audience,
  content: NoticeContent,
  channels: z.array(Channel),
  status: NoticeStatus,
  publishedBy: z.string(),
  scheduledAt: z.iso.datetime({ offset: true }),
  validUntil: z.iso.datetime({ offset: true }).nullable(),
  minPublicationDays: z.number().int().describe('The public-notice period this kind requires (0: none)'),
  recipients: z.number().int().describe('People reached so far'),
  doorToDoorHouseholds: z.number().int().describe('Households with no digital channel, visited instead'),
  createdAt: z.iso.datetime({ offset: true }),
  dispatchedAt: z.iso.datetime({ offset: true }).nullable(),
  approval: z.object({ by: z.string(), at: z.iso.datetime({ offset: true }) }).nullable().describe('Election, fee-rule, convention and village-affairs notices need the party secretary’s approval'),
  retraction: z.object({ by: z.string(), at: z.iso.datetime({ offset: true }), reason: z.string() }).nullable(),
});
export type Notice = z.infer<typeof Notice>;

export const PublishNoticeCommand = defineCommand({
  subject: 'notifications.notice.publish',
  description:
    'Publish a notice (公告/公示) to an audience, now or at a time; every reachable person gets it once on their channels, and households without a digital channel get a door-to-door visit.',
  request: z
    .object({
      kind: NoticeKind,
      priority: NoticePriority.default('ROUTINE'),
      audience: Audience,
      content: NoticeContent,
      channels: z.array(Channel).min(1).max(4).optional().describe('Default: in-app and WeChat, plus SMS for an emergency'),
      scheduledAt: z.iso.datetime({ offset: true }).optional().describe('Default: now'),
      validUntil: z.iso.datetime({ offset: true }).optional().describe('End of the validity or public-notice period'),
      idempotencyKey: IdempotencyKey.optional(),
    })
    .refine((r) => !r.validUntil || !r.scheduledAt || Date.parse(r.validUntil) > Date.parse(r.scheduledAt), {
      message: 'a notice is valid until after it is published',
      path: ['validUntil'],
    }),
  response: Notice,
  errors: [
    'NOTIFICATIONS.UNKNOWN_AUDIENCE',
    'NOTIFICATIONS.AUDIENCE_EMPTY',
    'NOTIFICATIONS.PUBLICATION_TOO_SHORT',
    'NOTIFICATIONS.IDEMPOTENCY_KEY_REUSED',
  ],
});

export const ApproveNoticeCommand = defineCommand({
  subject: 'notifications.notice.approve',
  description: 'The party secretary approves a notice that needs approval; it is then scheduled (and goes out at its time).',
  request: z.object({ id: NoticeId }),
  response: Notice,
  errors: ['NOTIFICATIONS.NOTICE_NOT_FOUND', 'NOTIFICATIONS.NOTICE_NOT_PENDING', 'NOTIFICATIONS.PUBLICATION_TOO_SHORT'],
});

export const RetractNoticeCommand = defineCommand({
  subject: 'notifications.notice.retract',
  description: 'Withdraw a notice before it goes out (awaiting approval or scheduled), with a reason.',
  request: z.object({ id: NoticeId, reason: z.string().trim().min(1).max(500) }),
  response: Notice,
  errors: ['NOTIFICATIONS.NOTICE_NOT_FOUND', 'NOTIFICATIONS.NOTICE_ALREADY_SENT'],
});

export const GetNoticeQuery = defineQuery({
  subject: 'notifications.notice.get',
  description: 'One notice and how far its dispatch has come.',
  request: z.object({ id: NoticeId }),
  response: Notice,
  errors: ['NOTIFICATIONS.NOTICE_NOT_FOUND'],
});

const Counts = z.object(Object.fromEntries(DeliveryStatus.options.map((s) => [s, z.number().int()])) as Record<DeliveryStatus, z.ZodNumber>);

export const NoticeDeliveryReportQuery = defineQuery({
  subject: 'notifications.notice.report',
  description: 'Delivery report of a notice: per channel, how many are queued, sent, delivered, read, failed, throttled or suppressed; and the door-to-door visits.',
  request: z.object({ id: NoticeId }),
  response: z.object({
    notice: Notice,
    channels: z.array(z.object({ channel: Channel, counts: Counts })),
    doorToDoor: z.object({
      tasks: z.number().int(),
      households: z.number().int(),
      done: z.number().int(),
      notHome: z.number().int(),
      refused: z.number().int(),
      moved: z.number().int(),
      pending: z.number().int(),
    }),
  }),
  errors: ['NOTIFICATIONS.NOTICE_NOT_FOUND'],
});

export const ResendNoticeCommand = defineCommand({
  subject: 'notifications.notice.resend',
  description: 'Queue again the deliveries of a notice that failed or were throttled (never ones the person opted out of).',
  request: z.object({
    id: NoticeId,
    statuses: z.array(z.enum(['FAILED', 'THROTTLED'])).min(1).max(2).default(['FAILED']),
  }),
  response: z.object({ requeued: z.number().int() }),
  errors: ['NOTIFICATIONS.NOTICE_NOT_FOUND'],
});

export const NoticePublishedEvent = defineEvent({
  subject: 'evt.notifications.notice.published.v1',
  description: 'A notice was accepted for dispatch (at its scheduled time).',
  payload: Notice,
});

export const NoticeApprovedEvent = defineEvent({
  subject: 'evt.notifications.notice.approved.v1',
  description: 'A notice that needed approval was approved and scheduled.',
  payload: Notice,
});

export const NoticeRetractedEvent = defineEvent({
  subject: 'evt.notifications.notice.retracted.v1',
  description: 'A notice was withdrawn before it went out.',
  payload: Notice,
});

export const NoticeDispatchedEvent = defineEvent({
  subject: 'evt.notifications.notice.dispatched.v1',
  description: 'Every recipient of a notice has their deliveries, and door-to-door tasks cover the rest.',
  payload: Notice,
});
