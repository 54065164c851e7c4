import { hasAnyRole, inScope, type Actor, type Role } from '@gov/contracts-core';
import type { Relation } from './ticket.rules';

/** Community staff who take in and work tickets. */
export const STAFF_ROLES: readonly Role[] = [
  'DISTRICT_OPERATOR',
  'PARTY_SECRETARY',
  'RC_STAFF',
  'GRID_LEADER',
  'GRID_WORKER',
  'PROPERTY_MANAGER',
  'PROPERTY_STAFF',
];
export const SUPERVISOR_ROLES: readonly Role[] = ['PARTY_SECRETARY', 'DISTRICT_OPERATOR'];

export interface TicketFacts {
  areaPath: string;
  firstContactOwnerId?: string | null;
  handler?: { kind: string; id: string } | null;
  escalation?: { departmentId: string } | null;
  supervised?: { departmentId: string } | null;
  reporter: { type: string; personId?: string };
}

/** The unit someone acts for: a department, a property company or a partner unit. */
function unitOf(actor: Actor): string | undefined {
  return actor.unitId ?? actor.partnerUnitId;
}

/**
 * How an actor stands to a ticket. Staff and supervisors need a scope over the ticket's area; a handler is
 * the person dispatched to, or someone acting for the unit dispatched to; a department officer stands as
 * DEPARTMENT only to the escalations of their own department.
 */
export function relationsOf(actor: Actor, ticket: TicketFacts): Set<Relation> {
  const relations = new Set<Relation>();
  if (actor.kind === 'system') relations.add('SYSTEM');
  const scoped = inScope(actor, ticket.areaPath);
  if (scoped && hasAnyRole(actor, STAFF_ROLES)) relations.add('STAFF');
  if (scoped && hasAnyRole(actor, SUPERVISOR_ROLES)) relations.add('SUPERVISOR');
  if (ticket.firstContactOwnerId && ticket.firstContactOwnerId === actor.id) relations.add('OWNER');
  const handler = ticket.handler;
  if (handler && (handler.kind === 'PERSON' ? handler.id === actor.id : handler.id === unitOf(actor))) relations.add('HANDLER');
  const departments = [ticket.escalation?.departmentId, ticket.supervised?.departmentId].filter(Boolean);
  if (hasAnyRole(actor, ['DEPARTMENT_OFFICER']) && departments.includes(unitOf(actor))) relations.add('DEPARTMENT');
  if (ticket.reporter.type !== 'ANONYMOUS' && ticket.reporter.personId === actor.id) relations.add('REPORTER');
  return relations;
}

/** A resident sees their own tickets, staff their area, a partner unit what it was given, a department its escalations and supervised cases. */
export function mayRead(actor: Actor, ticket: TicketFacts): boolean {
  return relationsOf(actor, ticket).size > 0;
}
