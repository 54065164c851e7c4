import { ServiceEnv } from '@gov/platform';
import { z } from 'zod';

export const NotificationsEnvExtra = z.object({
  /** How often due webhook deliveries are sent (ms); 0 turns the timer off (tests drive it with a time). */
  WEBHOOK_SEND_MS: z.coerce.number().int().min(0).default(5_000),
});
export type NotificationsEnv = z.infer<typeof ServiceEnv> & z.infer<typeof NotificationsEnvExtra>;
