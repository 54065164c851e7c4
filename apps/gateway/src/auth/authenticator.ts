import { Actor, AreaPath, Role } from '@gov/contracts-core';
import { DomainError } from '@gov/platform';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

/** The claims a token must carry: who, which roles, which area scopes. */
export const TokenClaims = z.object({
  sub: z.string().min(1).max(128),
  name: z.string().max(128).optional(),
  roles: z.array(Role).max(32),
  scopes: z.array(AreaPath).max(64),
  kind: z.enum(['user', 'partner-unit']).default('user'),
  partner_unit_id: z.string().max(128).optional(),
  unit_id: z.string().max(128).optional(),
});
export type TokenClaims = z.input<typeof TokenClaims>;

export interface AuthConfig {
  JWT_SECRET?: string;
  JWT_JWKS_URL?: string;
  JWT_ISSUER?: string;
  JWT_AUDIENCE?: string;
}

/** Verified tokens kept, so a client's repeated requests skip the signature check until the token expires. */
const CACHE_SIZE = 10_000;

/** Verifies bearer tokens (HS256 secret or a JWKS) and turns their claims into the Actor services check. */
export class Authenticator {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  /** token → its actor and expiry (ms); insertion order gives the oldest to evict. */
  private readonly verified = new Map<string, { actor: Actor; expiresAt: number }>();

  constructor(private readonly config: AuthConfig) {
    this.key = config.JWT_JWKS_URL
      ? createRemoteJWKSet(new URL(config.JWT_JWKS_URL))
      : new TextEncoder().encode(config.JWT_SECRET);
  }

  async authenticate(authorization: string | undefined, now = Date.now()): Promise<Actor> {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match) throw new DomainError('UNAUTHENTICATED', 'missing bearer token');
    const cached = this.verified.get(match[1]);
    if (cached && cached.expiresAt > now) return cached.actor;
    if (cached) this.verified.delete(match[1]);
    let payload: unknown;
    try {
      const verified = await jwtVerify(match[1], this.key as Uint8Array, {
        algorithms: this.config.JWT_JWKS_URL ? ['RS256', 'ES256', 'EdDSA'] : ['HS256'],
        issuer: this.config.JWT_ISSUER,
        audience: this.config.JWT_AUDIENCE,
      });
      payload = verified.payload;
    } catch (error) {
      throw new DomainError('UNAUTHENTICATED', `invalid token: ${(error as Error).message}`);
    }
    const claims = TokenClaims.safeParse(payload);
    if (!claims.success) throw new DomainError('UNAUTHENTICATED', 'token lacks valid roles and scopes claims');
    const { sub, name, roles, scopes, kind, partner_unit_id, unit_id } = claims.data;
    const actor = Actor.parse({
      kind,
      id: sub,
      name,
      roles,
      scopes,
      ...(partner_unit_id ? { partnerUnitId: partner_unit_id } : {}),
      ...(unit_id ? { unitId: unit_id } : {}),
    });
    // Only tokens that expire are kept, and never past their expiry.
    const exp = (payload as { exp?: number }).exp;
    if (typeof exp === 'number') {
      if (this.verified.size >= CACHE_SIZE) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(match[1], { actor, expiresAt: exp * 1_000 });
    }
    return actor;
  }

  /** Signs an HS256 token (the development token endpoint, the launcher and tests). */
  static async sign(secret: string, claims: TokenClaims, options: { expiresIn?: string; issuer?: string; audience?: string } = {}) {
    const { sub, ...rest } = TokenClaims.parse(claims);
    let jwt = new SignJWT(rest).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime(options.expiresIn ?? '12h');
    if (options.issuer) jwt = jwt.setIssuer(options.issuer);
    if (options.audience) jwt = jwt.setAudience(options.audience);
    return jwt.sign(new TextEncoder().encode(secret));
  }
}
