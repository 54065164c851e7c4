import { hasAnyRole, type Actor, type RequestOf } from '@gov/contracts-core';
import type { ImportHotlineCaseCommand, RecordHotlineSyncCommand } from '@gov/contracts-tickets';
import { EntityManager, forbidden, notFound, SERVICE_CONFIG } from '@gov/platform';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import type { TicketsEnv } from '../config';
import { nextCheck } from '../sla/sla.rules';
import { relationsOf, STAFF_ROLES } from '../tickets/authorisation';
import { assertMaySubmit, SubmitTicket } from '../tickets/submit-ticket';
import { Ticket } from '../tickets/ticket.entity';
import { toView } from '../tickets/ticket.view';

async function byExternalNo(em: EntityManager, externalNo: string): Promise<Ticket | null> {
  const [row] = await em.execute<{ id: string }[]>(`select id from ticket where hotline->>'externalNo' = ?`, [externalNo]);
  return row ? em.findOne(Ticket, { id: row.id }) : null;
}

/**
 * The 12345 mirror: a hotline case becomes a ticket once (by its case number), carries the hotline's own
 * deadline as a clock, and keeps the state of the reply to the hotline platform.
 */
@Injectable()
export class HotlineMirror {
  constructor(
    private readonly em: EntityManager,
    private readonly submit: SubmitTicket,
    @Inject(SERVICE_CONFIG) private readonly config: TicketsEnv,
  ) {}

  async import(request: RequestOf<typeof ImportHotlineCaseCommand>, actor: Actor) {
    const input = {
      channel: 'HOTLINE_12345' as const,
      reporter: request.caller ?? { type: 'ANONYMOUS' as const },
      location: request.location,
      ...(request.categoryCode ? { categoryCode: request.categoryCode } : {}),
      attributes: {},
      title: request.title,
      description: request.text,
      attachments: [],
    };
    // Only staff mirror hotline cases (in their area); residents submit their own demands.
    if (!hasAnyRole(actor, STAFF_ROLES)) throw forbidden('only staff import 12345 cases');
    assertMaySubmit(actor, input);
    try {
      return await this.em.transactional(async (em) => {
        const existing = await byExternalNo(em, request.externalNo);
        if (existing) return toView(existing);
        // The case was received by the hotline, not by us: its clocks count from then, to the hotline's deadline.
        const receivedAt = new Date(request.receivedAt);
        const sla: Ticket['sla'] = [
          { milestone: 'HOTLINE_DEADLINE', dueAt: new Date(request.externalDeadline).toISOString(), warnedAt: null, breachedAt: null, metAt: null },
        ];
        const ticket = await this.submit.createIn(em, input, actor, {
          hotline: {
            externalNo: request.externalNo,
            externalDeadline: request.externalDeadline,
            kind: request.kind,
            syncStatus: 'PENDING',
            lastSyncedAt: null,
            syncNote: null,
          },
          reportedAt: receivedAt,
          sla,
          nextSlaCheckAt: nextCheck(sla, receivedAt, this.config.SLA_WARN_SHARE),
        });
        await em.flush();
        return toView(ticket);
      });
    } catch (error) {
      // Two imports of the same case at once: the unique index lets one in; the other returns its ticket.
      if (error instanceof UniqueConstraintViolationException) {
        const existing = await byExternalNo(this.em.fork(), request.externalNo);
        if (existing) return toView(existing);
      }
      throw error;
    }
  }

  recordSync(request: RequestOf<typeof RecordHotlineSyncCommand>, actor: Actor) {
    return this.em.transactional(async (em) => {
      const ticket = await byExternalNo(em, request.externalNo);
      if (!ticket?.hotline) throw notFound('TICKETS.TICKET_NOT_FOUND', request.externalNo);
      if (!relationsOf(actor, ticket).has('STAFF')) throw forbidden('only staff of the area record the hotline sync');
      ticket.hotline = { ...ticket.hotline, syncStatus: request.status, lastSyncedAt: new Date().toISOString(), syncNote: request.note ?? null };
      ticket.updatedAt = new Date();
      await em.flush();
      return toView(ticket);
    });
  }
}
