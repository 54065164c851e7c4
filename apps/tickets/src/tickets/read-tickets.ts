import { hasAnyRole, type Actor, type RequestOf } from '@gov/contracts-core';
import type { ListTicketsQuery } from '@gov/contracts-tickets';
import { EntityManager, forbidden } from '@gov/platform';
import { Injectable } from '@nestjs/common';
import { mayRead, STAFF_ROLES } from './authorisation';
import { Ticket, TicketTransition } from './ticket.entity';
import { loadTicket, toView } from './ticket.view';

@Injectable()
export class ReadTickets {
  constructor(private readonly em: EntityManager) {}

  async get(id: string, actor: Actor) {
    const ticket = await loadTicket(this.em, id);
    if (!mayRead(actor, ticket)) throw forbidden('you may not see this ticket');
    return toView(ticket);
  }

  /**
   * What the caller may see: staff their areas; anyone else the tickets they reported or that were
   * dispatched to them (or their unit). The cursor is the last row's report time and id.
   */
  async list(request: RequestOf<typeof ListTicketsQuery>, actor: Actor) {
    const visible: object[] = [];
    if (hasAnyRole(actor, STAFF_ROLES)) visible.push(...actor.scopes.map((scope) => ({ areaPath: { $like: `${scope}%` } })));
    visible.push({ reporterPersonId: actor.id }, { handlerId: actor.id });
    const unit = actor.unitId ?? actor.partnerUnitId;
    if (unit) visible.push({ handlerId: unit });
    const [cursorAt, cursorId] = request.cursor?.split('|') ?? [];
    const where = {
      $and: [
        { $or: visible },
        request.ids ? { id: { $in: request.ids } } : {},
        request.areaPath ? { areaPath: { $like: `${request.areaPath}%` } } : {},
        request.categoryCode ? { categoryCode: request.categoryCode } : {},
        request.statuses ? { status: { $in: request.statuses } } : {},
        request.supervisedOnly ? { supervised: { $ne: null } } : {},
        request.reportedFrom ? { reportedAt: { $gte: new Date(request.reportedFrom) } } : {},
        request.reportedTo ? { reportedAt: { $lte: new Date(request.reportedTo) } } : {},
        cursorAt && cursorId
          ? { $or: [{ reportedAt: { $lt: new Date(cursorAt) } }, { reportedAt: new Date(cursorAt), id: { $lt: cursorId } }] }
          : {},
      ],
    };
    const rows = await this.em.find(Ticket, where as never, { orderBy: { reportedAt: 'desc', id: 'desc' }, limit: request.limit + 1 });
    const more = rows.length > request.limit;
    const items = more ? rows.slice(0, request.limit) : rows;
    const last = items.at(-1);
    return { items: items.map(toView), nextCursor: more && last ? `${last.reportedAt.toISOString()}|${last.id}` : null };
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
