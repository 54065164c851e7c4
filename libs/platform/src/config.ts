import { z } from 'zod';

/** Raised when the environment does not satisfy a service's config schema; names every offending variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** A variable holding JSON, parsed and then checked by `schema`; `fallback` when unset. */
function json<S extends z.ZodType>(schema: S, fallback: string) {
  return z
    .string()
    .default(fallback)
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

export const Env = {
  booleanFlag,
  json,
  port: z.coerce.number().int().min(0).max(65_535),
  url: (protocols: string[]) =>
    z.url().refine((value) => protocols.some((p) => value.startsWith(`${p}:`)), {
      message: `must be a ${protocols.join(' or ')} URL`,
    }),
};

/** Variables every service reads; the same names in every app. */
export const ServiceEnv = z.object({
  NATS_URL: Env.url(['nats', 'tls', 'ws', 'wss']).default('nats://127.0.0.1:4222'),
  /** Prefix of every subject and stream, so deployments (or test runs) can share one NATS server. */
  NATS_SUBJECT_PREFIX: z
    .string()
    .regex(/^(?:[a-z0-9_-]+\.)?$/, 'empty, or lowercase letters/digits ending in a dot, e.g. "t1a2b."')
    .default(''),
  DATABASE_URL: Env.url(['postgres', 'postgresql']).optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The small HTTP port for /health/live, /health/ready and /metrics; 0 picks a free one. */
  HEALTH_PORT: Env.port.optional(),
  RPC_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5_000),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
});
export type ServiceEnv = z.infer<typeof ServiceEnv>;

/** Parses the environment with zod; a missing or bad value throws a ConfigError naming it. */
export function loadConfig<S extends z.ZodType>(schema: S, env: Record<string, string | undefined> = process.env): z.infer<S> {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
  return result.data;
}
