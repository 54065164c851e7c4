import { hasAnyRole, inScope, inScopeOrAncestor, type Actor, type Role } from '@gov/contracts-core';
import { forbidden } from '@gov/platform';

/** Roles that may change areas and party organisations (within their scopes). */
export const MANAGERS: readonly Role[] = ['DISTRICT_OPERATOR', 'PARTY_SECRETARY'];

/** Changing a record needs a managing role and a scope that is a prefix of every path the change touches. */
export function assertMayManage(actor: Actor, ...paths: string[]): void {
  if (!hasAnyRole(actor, MANAGERS)) {
    throw forbidden('only a district operator or party secretary may change the party structure', {
      roles: actor.roles,
    });
  }
  const outside = paths.find((path) => !inScope(actor, path));
  if (outside) throw forbidden('the record lies outside your area scope', { path: outside });
}

/** Reading needs a scope over the record, or the record on the chain above one's scope. */
export function mayRead(actor: Actor, path: string): boolean {
  return actor.roles.length > 0 && inScopeOrAncestor(actor, path);
}

export function assertMayRead(actor: Actor, path: string): void {
  if (!mayRead(actor, path)) throw forbidden('the record lies outside your area scope', { path });
}
