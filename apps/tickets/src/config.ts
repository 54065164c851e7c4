import { CareRiskColour, VisitStream } from '@gov/contracts-tickets';
import { Env, ServiceEnv } from '@gov/platform';
import { z } from 'zod';

/** The tickets service's own settings, on top of the shared ones. */
export const TicketsEnvExtra = z.object({
  /** How long a department has to acknowledge a whistle (吹哨报到); the sources give no figure. */
  WHISTLE_ACK_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(120),
  /** How often the SLA sweeper runs (ms); 0 turns it off (tests drive it with an injected time). */
  SLA_SWEEP_MS: z.coerce.number().int().min(0).default(30_000),
  /** Share of a deadline's time after which a warning goes out. [design assumption] */
  SLA_WARN_SHARE: z.coerce.number().min(0.1).max(0.99).default(0.75),
  /** A resolved ticket nobody rates closes itself after this many days. [design assumption] */
  AUTO_CLOSE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** Open tickets (dispatched, not yet resolved) one handler may hold. [design assumption] */
  MAX_OPEN_PER_HANDLER: z.coerce.number().int().min(1).max(10_000).default(20),
  /** Tickets a resident may submit in one (Shanghai) day. [design assumption] */
  /**
   * Days between care visits, overriding the defaults per stream and colour, as JSON, e.g.
   * {"RC_FOLLOW_UP":{"YELLOW":14}}. [design assumption: the sources give no frequencies]
   */
  CARE_VISIT_DAYS: Env.json(z.partialRecord(VisitStream, z.partialRecord(CareRiskColour, z.number().int().min(1).max(366))), '{}'),
  DAILY_LIMIT_PER_REPORTER: z.coerce.number().int().min(1).max(1_000).default(10),
});
export type TicketsEnv = z.infer<typeof ServiceEnv> & z.infer<typeof TicketsEnvExtra>;
