import { randomUUID } from 'node:crypto';
import { hasAnyRole, inScope, type Actor, type RequestOf } from '@gov/contracts-core';
import { TicketSubmittedEvent, type SubmitTicketCommand } from '@gov/contracts-tickets';
import { claimIdempotency, completeIdempotency, DomainError, EntityManager, forbidden, insertTogether, OutboxMessage, outboxRow, SERVICE_CONFIG } from '@gov/platform';
import type { RequiredEntityData } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import type { TicketsEnv } from '../config';
import { localDate, startOfLocalDay } from '../sla/sla.rules';
import { assertAttributes, categoryFor } from '../catalogue/catalogue';
import { STAFF_ROLES } from './authorisation';
import { Ticket, TicketTransition } from './ticket.entity';
import { isProactive, loadTicket, toView } from './ticket.view';

export type SubmitInput = Omit<RequestOf<typeof SubmitTicketCommand>, 'idempotencyKey'>;

/** Who may take a demand in: staff within their area, or residents for themselves (or anonymously). */
export function assertMaySubmit(actor: Actor, request: SubmitInput) {
  if (hasAnyRole(actor, STAFF_ROLES)) {
    if (!inScope(actor, request.location.areaPath)) throw forbidden('the location lies outside your area scope');
    return;
  }
  if (actor.kind !== 'user' || actor.roles.length === 0) throw forbidden('only staff and residents submit tickets');
  if (request.reporter.type !== 'ANONYMOUS' && request.reporter.personId !== actor.id) {
    throw forbidden('residents report for themselves');
  }
}

@Injectable()
export class SubmitTicket {
  constructor(
    private readonly em: EntityManager,
    @Inject(SERVICE_CONFIG) private readonly config: TicketsEnv,
  ) {}

  async run(request: RequestOf<typeof SubmitTicketCommand>, actor: Actor, idempotencyKey?: string) {
    assertMaySubmit(actor, request);
    const key = request.idempotencyKey ?? idempotencyKey;
    if (!key) {
      // Without a key nothing needs a lock: read what is checked, then write the ticket, its history line and
      // its outbox row in one round trip (one implicit transaction).
      await this.assertUnderDailyLimit(this.em, actor);
      const rows = await this.rowsFor(this.em, request, actor);
      await insertTogether(this.em, [rows.ticket, rows.transition, rows.outbox]);
      return rows.view;
    }
    return this.em.transactional(async (em) => {
      const prior = await claimIdempotency(em, `tickets.ticket.submit:${actor.id}`, key, request, 'TICKETS.IDEMPOTENCY_KEY_REUSED');
      if (prior) return toView(await loadTicket(em, prior));
      await this.assertUnderDailyLimit(em, actor);
      const ticket = await this.createIn(em, request, actor);
      await completeIdempotency(em, `tickets.ticket.submit:${actor.id}`, key, ticket.id);
      return toView(ticket);
    });
  }

  /** Residents have a daily limit against abuse; staff taking demands in for others do not. */
  private async assertUnderDailyLimit(em: EntityManager, actor: Actor) {
    if (hasAnyRole(actor, STAFF_ROLES)) return;
    const today = await em.count(Ticket, { submittedBy: actor.id, reportedAt: { $gte: startOfLocalDay(localDate(new Date())) } });
    if (today >= this.config.DAILY_LIMIT_PER_REPORTER) {
      throw new DomainError('TICKETS.DAILY_LIMIT_REACHED', `at most ${this.config.DAILY_LIMIT_PER_REPORTER} tickets a day`, {
        limit: this.config.DAILY_LIMIT_PER_REPORTER,
      });
    }
  }

  /** Takes a demand in, inside the caller's transaction (submit, and the 12345 import). */
  async createIn(
    em: EntityManager,
    request: SubmitInput,
    actor: Actor,
    extras: { hotline?: Ticket['hotline']; reportedAt?: Date; sla?: Ticket['sla']; nextSlaCheckAt?: Date | null } = {},
  ): Promise<Ticket> {
    const rows = await this.rowsFor(em, request, actor, extras);
    const ticket = em.create(Ticket, rows.ticket.data);
    em.persist([ticket, em.create(TicketTransition, rows.transition.data), em.create(OutboxMessage, rows.outbox.data)]);
    return ticket;
  }

  /** The rows a submit writes, not yet persisted: the ticket, its first history line and its outbox row. */
  private async rowsFor(
    em: EntityManager,
    request: SubmitInput,
    actor: Actor,
    extras: { hotline?: Ticket['hotline']; reportedAt?: Date; sla?: Ticket['sla']; nextSlaCheckAt?: Date | null } = {},
  ) {
    const category = request.categoryCode ? await categoryFor(em, request.location.areaPath, request.categoryCode) : null;
    assertAttributes(category, request.attributes);
    const now = new Date();
    const reportedAt = extras.reportedAt ?? now;
    const anonymous = request.reporter.type === 'ANONYMOUS';
    const ticket = {
      id: randomUUID(),
      status: 'SUBMITTED' as const,
      channel: request.channel,
      // An anonymous reporter keeps no identity, whoever typed it in.
      reporter: anonymous ? { type: 'ANONYMOUS' } : request.reporter,
      reporterPersonId: anonymous ? null : (request.reporter.personId ?? null),
      location: request.location,
      areaPath: request.location.areaPath,
      categoryCode: request.categoryCode ?? null,
      attributes: request.attributes,
      title: request.title,
      description: request.description,
      attachments: request.attachments,
      responseLevel: null,
      triageColour: null,
      firstContactOwnerId: null,
      handler: null,
      handlerId: null,
      escalation: null,
      deferredUntil: null,
      reopenCount: 0,
      rating: null,
      resolution: null,
      ruleProposal: null,
      meTooCount: 0,
      supervised: null,
    plan: null,
      revisits: [],
      duplicateOfId: null,
    related: [],
      submittedBy: actor.id,
      hotline: extras.hotline ?? null,
      proactive: isProactive(request.channel),
      pausedSeconds: 0,
      pausedSince: null,
      sla: extras.sla ?? [],
      nextSlaCheckAt: extras.nextSlaCheckAt ?? null,
      clocksFrom: reportedAt,
      version: 1,
      reportedAt,
      updatedAt: now,
      resolvedAt: null,
      closedAt: null,
    } satisfies RequiredEntityData<Ticket>;
    const transition = {
        id: randomUUID(),
        ticketId: ticket.id,
        action: 'submit',
        fromStatus: null,
        toStatus: 'SUBMITTED',
        actorId: actor.id,
        actorRoles: actor.roles,
        reason: null,
        at: now,
      } satisfies RequiredEntityData<TicketTransition>;
    const view = toView(ticket as Ticket);
    return {
      ticket: { type: Ticket, data: ticket },
      transition: { type: TicketTransition, data: transition },
      outbox: outboxRow(TicketSubmittedEvent, view, { subject: ticket.id, time: now }),
      /** What the caller gets back: the ticket as its event reports it. */
      view,
    };
  }
}
