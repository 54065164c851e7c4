import { MessageType } from '@gov/contracts-notifications';
import { Env, ServiceEnv } from '@gov/platform';
import { z } from 'zod';

const Provider = z.enum(['file', 'http']);

export const NotificationsEnvExtra = z.object({
  /** How often due webhook deliveries are sent (ms); 0 turns the timer off (tests drive it with a time). */
  WEBHOOK_SEND_MS: z.coerce.number().int().min(0).default(5_000),
  /** A webhook delivery still pending after this many hours is dead-lettered unsent (the schedule spans ~33 h). */
  WEBHOOK_TTL_HOURS: z.coerce.number().min(0.01).max(24 * 30).default(48),
  /** How often queued SMS, WeChat and e-mail deliveries are handed to their providers (ms); 0 off. */
  CHANNEL_SEND_MS: z.coerce.number().int().min(0).default(2_000),
  /** How often the fan-out looks for notices due (ms); publishing also wakes it. 0 off (tests drive it). */
  FANOUT_MS: z.coerce.number().int().min(0).default(1_000),
  /** Recipients per fan-out transaction. */
  FANOUT_BATCH: z.coerce.number().int().min(1).max(20_000).default(2_000),
  /** Messages of one type one person may get on one channel per hour; emergencies are not limited. [design assumption] */
  THROTTLE_PER_HOUR: z.coerce.number().int().min(1).max(1_000).default(10),
  /** Where the file-recording provider writes `<channel>.jsonl`. */
  RECORD_DIR: z.string().default('.data/notifications/outbox'),
  /** `file` records every message to RECORD_DIR (default); `http` POSTs it to <CHANNEL>_HTTP_URL. */
  SMS_PROVIDER: Provider.default('file'),
  SMS_HTTP_URL: z.url().optional(),
  SMS_HTTP_TOKEN: z.string().optional(),
  WECHAT_PROVIDER: Provider.default('file'),
  WECHAT_HTTP_URL: z.url().optional(),
  WECHAT_HTTP_TOKEN: z.string().optional(),
  /** The official account's template id per message type, as JSON: {"NOTICE_EMERGENCY":"tmpl-…"}. */
  WECHAT_TEMPLATE_IDS: Env.json(z.partialRecord(MessageType, z.string().min(1).max(128)), '{}'),
  /** `smtp` sends e-mail through SMTP_URL (smtp:// or smtps://) from EMAIL_FROM. */
  EMAIL_PROVIDER: z.enum(['file', 'http', 'smtp']).default('file'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL').optional(),
  EMAIL_FROM: z.string().default('社区通知 <noreply@localhost>'),
  EMAIL_HTTP_URL: z.url().optional(),
  EMAIL_HTTP_TOKEN: z.string().optional(),
});
export type NotificationsEnv = z.infer<typeof ServiceEnv> & z.infer<typeof NotificationsEnvExtra>;
