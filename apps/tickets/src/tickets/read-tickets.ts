import type { Actor } from '@gov/contracts-core';
import { EntityManager, forbidden } from '@gov/platform';
import { Injectable } from '@nestjs/common';
import { mayRead } from './authorisation';
import { TicketTransition } from './ticket.entity';
import { loadTicket, toView } from './ticket.view';

@Injectable()
export class ReadTickets {
  constructor(private readonly em: EntityManager) {}

  async get(id: string, actor: Actor) {
    const ticket = await loadTicket(this.em, id);
    if (!mayRead(actor, ticket)) throw forbidden('you may not see this ticket');
    return toView(ticket);
  }

  async history(id: string, actor: Actor) {
    const ticket = await loadTicket(this.em, id);
    if (!mayRead(actor, ticket)) throw forbidden('you may not see this ticket');
    const rows = await this.em.find(TicketTransition, { ticketId: id }, { orderBy: { at: 'asc', id: 'asc' } });
    return {
      items: rows.map((row) => ({
        action: row.action,
        from: row.fromStatus ?? null,
        to: row.toStatus,
        actorId: row.actorId,
        actorRoles: row.actorRoles,
        reason: row.reason ?? null,
        at: row.at.toISOString(),
      })),
    };
  }
}
