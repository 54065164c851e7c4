import { ServiceEnv } from '@gov/platform';
import { z } from 'zod';

/** The tickets service's own settings, on top of the shared ones. */
export const TicketsEnvExtra = z.object({
  /** How long a department has to acknowledge a whistle (吹哨报到); the sources give no figure. */
  WHISTLE_ACK_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(120),
});
export type TicketsEnv = z.infer<typeof ServiceEnv> & z.infer<typeof TicketsEnvExtra>;
