import { inScope, type Actor, type RequestOf } from '@gov/contracts-core';
import type { SetDutyRosterCommand } from '@gov/contracts-tickets';
import { DomainError, EntityManager, forbidden } from '@gov/platform';
import { defineEntity, p } from '@mikro-orm/core';
import { hasAnyRole } from '@gov/contracts-core';
import { Injectable } from '@nestjs/common';
import type { Ticket as TicketView } from '@gov/contracts-tickets';
import { SUPERVISOR_ROLES } from './authorisation';
import { Ticket } from './ticket.entity';

type Handler = NonNullable<TicketView['handler']>;

const DutyRosterSchema = defineEntity({
  name: 'DutyRoster',
  tableName: 'duty_roster',
  properties: {
    areaPath: p.string().length(512).primary(),
    handlers: p.json<Handler[]>(),
    /** Where round-robin continues. */
    cursor: p.integer(),
    version: p.integer().version(),
  },
});

/** Who is on duty for an area, in round-robin order. */
export class DutyRoster extends DutyRosterSchema.class {}
DutyRosterSchema.setClass(DutyRoster);

/** Tickets a handler is working on: dispatched and not yet resolved. */
export const WORKING: readonly Ticket['status'][] = ['DISPATCHED', 'IN_PROGRESS', 'WAITING_FOR_RESIDENT', 'DEFERRED', 'ESCALATED'];

export async function openTicketsOf(em: EntityManager, handlerId: string): Promise<number> {
  return em.count(Ticket, { handlerId, status: { $in: [...WORKING] } });
}

export async function assertRoom(em: EntityManager, handlerId: string, max: number): Promise<void> {
  const open = await openTicketsOf(em, handlerId);
  if (open >= max) throw new DomainError('TICKETS.HANDLER_AT_CAPACITY', `${handlerId} already has ${open} open tickets`, { handlerId, open, max });
}

/**
 * The next handler on duty with room, from the roster of the nearest area at or above the ticket's; the
 * roster row is locked, so concurrent dispatches take turns.
 */
export async function nextOnDuty(em: EntityManager, areaPath: string, max: number, kinds?: readonly Handler['kind'][]): Promise<Handler> {
  const prefixes = areaPath.split('/').slice(1, -1).map((_, i, parts) => `/${parts.slice(0, i + 1).join('/')}/`).reverse();
  const [row] = await em.execute<{ area_path: string }[]>(
    `select area_path from duty_roster where area_path in (${prefixes.map(() => '?').join(', ')}) order by length(area_path) desc limit 1 for update`,
    prefixes,
  );
  const roster = row ? await em.findOne(DutyRoster, { areaPath: row.area_path }) : null;
  const handlers = roster?.handlers ?? [];
  for (let step = 0; step < handlers.length; step++) {
    const index = (roster!.cursor + step) % handlers.length;
    if (kinds && !kinds.includes(handlers[index].kind)) continue;
    if ((await openTicketsOf(em, handlers[index].id)) < max) {
      roster!.cursor = (index + 1) % handlers.length;
      return handlers[index];
    }
  }
  throw new DomainError('TICKETS.NO_HANDLER_ON_DUTY', 'nobody on duty has room', { areaPath });
}

@Injectable()
export class DutyRosters {
  constructor(private readonly em: EntityManager) {}

  set(request: RequestOf<typeof SetDutyRosterCommand>, actor: Actor) {
    if (!hasAnyRole(actor, SUPERVISOR_ROLES) || !inScope(actor, request.areaPath)) throw forbidden('a secretary or operator of the area sets its duty roster');
    return this.em.transactional(async (em) => {
      let roster = await em.findOne(DutyRoster, { areaPath: request.areaPath });
      if (roster) Object.assign(roster, { handlers: request.handlers, cursor: 0 });
      else {
        roster = em.create(DutyRoster, { areaPath: request.areaPath, handlers: request.handlers, cursor: 0, version: 1 });
        em.persist(roster);
      }
      await em.flush();
      return { areaPath: roster.areaPath, handlers: roster.handlers, version: roster.version };
    });
  }
}
