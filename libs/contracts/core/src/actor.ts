import { z } from 'zod';

/** Roles from the domain guide (§3). */
export const Role = z.enum([
  'DISTRICT_OPERATOR',
  'PARTY_SECRETARY',
  'RC_STAFF',
  'GRID_LEADER',
  'GRID_WORKER',
  'BUILDING_LEADER',
  'SECOND_BUILDING_LEADER',
  'RESIDENT',
  'OWNER',
  'OC_MEMBER',
  'OC_CHAIR',
  'PROPERTY_MANAGER',
  'PROPERTY_STAFF',
  'PARTNER_CONTACT',
  'SECOND_SECRETARY',
  'DEPARTMENT_OFFICER',
]);
export type Role = z.infer<typeof Role>;

/**
 * A materialised area path: the codes from the district down, between slashes, e.g. `/310117/310117006/`.
 * A scope covers a record when the scope is a prefix of the record's path; `/` covers everything.
 */
export const AreaPath = z
  .string()
  .max(512)
  .regex(/^\/(?:[A-Za-z0-9-]{1,32}\/)*$/, 'an area path looks like /310117/310117006/')
  .describe('Materialised area path, e.g. /310117/310117006/');
export type AreaPath = z.infer<typeof AreaPath>;

/** The acting identity, carried in the `x-actor` header of every request. */
export const Actor = z.object({
  kind: z.enum(['user', 'partner-unit', 'system']),
  id: z.string().min(1).max(128),
  name: z.string().max(128).optional(),
  roles: z.array(Role).max(32),
  scopes: z.array(AreaPath).max(64),
  /** For partner units: the unit the caller acts for. */
  partnerUnitId: z.string().max(128).optional(),
  /** The organisation a staff member acts for (a department, a property company), where it matters. */
  unitId: z.string().max(128).optional(),
});
export type Actor = z.infer<typeof Actor>;

export function covers(scope: string, path: string): boolean {
  return path.startsWith(scope);
}

/** True when one of the actor's scopes is a prefix of the path. */
export function inScope(actor: Actor, path: string): boolean {
  return actor.scopes.some((scope) => covers(scope, path));
}

/** True when the path is in scope or is an ancestor of a scope (one may see the chain above one's own area). */
export function inScopeOrAncestor(actor: Actor, path: string): boolean {
  return actor.scopes.some((scope) => covers(scope, path) || covers(path, scope));
}

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}
