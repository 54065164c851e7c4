import type { Actor, Role } from '@gov/contracts-core';

let counter = 0;

/** An actor with the given roles and scopes; `id` defaults to a fresh one. */
export function anActor(roles: Role[], scopes: string[], overrides: Partial<Actor> = {}): Actor {
  counter += 1;
  return { kind: 'user', id: `user-${counter}`, roles, scopes, ...overrides };
}

export const aDistrictOperator = (scope = '/') => anActor(['DISTRICT_OPERATOR'], [scope]);
export const aPartySecretary = (scope: string) => anActor(['PARTY_SECRETARY'], [scope]);
export const anRcStaff = (scope: string) => anActor(['RC_STAFF'], [scope]);
export const aGridWorker = (scope: string) => anActor(['GRID_WORKER'], [scope]);
export const aResident = (scope: string) => anActor(['RESIDENT'], [scope]);
export const aPartnerContact = (unitId: string, scope: string) =>
  anActor(['PARTNER_CONTACT'], [scope], { kind: 'partner-unit', partnerUnitId: unitId });
