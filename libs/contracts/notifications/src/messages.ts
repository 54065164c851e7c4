import { z } from 'zod';

/** Locales of the catalogue: zh-CN first, English the fallback. */
export const Locale = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof Locale>;

/** Message types of the catalogue (apps/notifications/src/catalogue.ts holds their templates). */
export const MessageType = z.enum([
  'TICKET_ACKNOWLEDGED',
  'TICKET_DISPATCHED_TO_YOU',
  'TICKET_ESCALATED_TO_YOUR_DEPARTMENT',
  'TICKET_SLA_WARNING',
  'TICKET_RESOLVED_PLEASE_RATE',
  'TICKET_REOPENED',
  'CARE_VISIT_OVERDUE',
  'PARTY_SECRETARY_APPOINTED',
  'MEETING_CONVENED',
  'NOTICE_PUBLISHED',
  'NOTICE_EMERGENCY',
]);
export type MessageType = z.infer<typeof MessageType>;

/** Channels behind the one provider interface; webhooks and door-to-door tasks are their own mechanisms. */
export const Channel = z.enum(['IN_APP', 'SMS', 'WECHAT', 'EMAIL']);
export type Channel = z.infer<typeof Channel>;

/** queued → sent → delivered → read, or failed; throttled and suppressed never go out (resend can requeue). */
export const DeliveryStatus = z.enum(['QUEUED', 'SENT', 'DELIVERED', 'READ', 'FAILED', 'THROTTLED', 'SUPPRESSED']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** Template data: names to short texts or numbers. */
export const MessageData = z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,31}$/), z.union([z.string().max(2_000), z.number()]));
