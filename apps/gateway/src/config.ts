import { Env, ServiceEnv } from '@gov/platform';
import { Channel } from '@gov/contracts-tickets';
import { z } from 'zod';

export const GatewayEnv = ServiceEnv.pick({ NATS_URL: true, NATS_SUBJECT_PREFIX: true, LOG_LEVEL: true, RPC_TIMEOUT_MS: true })
  .extend({
    PORT: Env.port.default(3000),
    HOST: z.string().default('0.0.0.0'),
    /** HS256 secret for people's tokens (at least 32 characters). */
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** Or: a JWKS URL of the identity provider (RS256/ES256 tokens). */
    JWT_JWKS_URL: Env.url(['http', 'https']).optional(),
    JWT_ISSUER: z.string().optional(),
    JWT_AUDIENCE: z.string().optional(),
    /** Enables POST /dev/token, which signs any identity. Never in production. */
    DEV_TOKENS: Env.booleanFlag.default(false),
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
    BODY_LIMIT_BYTES: z.coerce.number().int().min(1_024).max(10_485_760).default(262_144),
    PUBLIC_URL: z.string().optional(),
    /**
     * Open311 clients (a 12345 platform, a city app): JSON list of {key, name, districtCode, channel?}. Each key
     * acts as residents'-committee staff of its district: it may post requests and read the district's.
     */
    OPEN311_KEYS: Env.json(
        z.array(
          z.object({
            key: z.string().min(16, 'an API key has at least 16 characters'),
            name: z.string().regex(/^[a-z0-9-]{1,40}$/),
            districtCode: z.string().regex(/^[A-Za-z0-9-]{1,32}$/),
            channel: Channel.default('HOTLINE_12345'),
          }),
        ),
      '[]',
    ),
  })
  .refine((env) => env.JWT_SECRET || env.JWT_JWKS_URL, { message: 'set JWT_SECRET or JWT_JWKS_URL', path: ['JWT_SECRET'] })
  .refine((env) => !env.DEV_TOKENS || env.JWT_SECRET, { message: 'DEV_TOKENS needs JWT_SECRET', path: ['DEV_TOKENS'] });
export type GatewayEnv = z.infer<typeof GatewayEnv>;
