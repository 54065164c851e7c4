import { randomUUID } from 'node:crypto';
import type { Actor, EventContract } from '@gov/contracts-core';
import {
  TicketAcknowledgedEvent,
  TicketClosedEvent,
  TicketDispatchedEvent,
  TicketEscalatedEvent,
  TicketRatedEvent,
  TicketReopenedEvent,
  TicketResolvedEvent,
  TicketTriagedEvent,
} from '@gov/contracts-tickets';
import { DomainError, EntityManager, insertTogether, outboxRow, updateVersioned } from '@gov/platform';
import type { RequiredEntityData } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { relationsOf } from './authorisation';
import { calendarFor } from '../calendar/calendar';
import { meet, nextCheck, pushBack, startClocks, type Milestone } from '../sla/sla.rules';
import { SERVICE_CONFIG } from '@gov/platform';
import type { TicketsEnv } from '../config';
import { Ticket, TicketTransition } from './ticket.entity';
import { decide, FINAL_STATES, PAUSED_STATES, type TicketAction } from './ticket.rules';
import { loadTicketForMove, toView } from './ticket.view';

export const CLOCK = Symbol('tickets:clock');
export interface Clock {
  now(): Date;
}

/** The events the issue names, per move; other moves are recorded in the history only. */
const EVENTS: Partial<Record<TicketAction, EventContract[]>> = {
  acknowledge: [TicketAcknowledgedEvent],
  triage: [TicketTriagedEvent],
  dispatch: [TicketDispatchedEvent],
  escalate: [TicketEscalatedEvent],
  resolve: [TicketResolvedEvent],
  'rate-fixed': [TicketRatedEvent],
  'rate-not-fixed': [TicketRatedEvent, TicketReopenedEvent],
  'revisit-relapsed': [TicketReopenedEvent],
  close: [TicketClosedEvent],
};

/** Which deadlines a move meets. [design assumption: a ticket resolved without a formal plan met its L3
 *  plan deadline too, and L1's revisit is met by a revisit, a rating or closing] */
const MEETS: Partial<Record<TicketAction, Milestone[]>> = {
  start: ['ON_SITE'],
  'acknowledge-escalation': ['ON_SITE', 'WHISTLE_ACKNOWLEDGED'],
  'agree-plan': ['PLAN_AGREED'],
  resolve: ['ON_SITE', 'CONTROLLED', 'COMPLETED_WITH_FEEDBACK', 'PLAN_AGREED', 'SUPERVISION_DEADLINE', 'HOTLINE_DEADLINE'],
  'rate-fixed': ['REVISIT'],
  'revisit-stable': ['REVISIT'],
  close: ['REVISIT'],
};

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: 'tickets-sla-sweeper', roles: [], scopes: [] };

export interface Move {
  action: TicketAction;
  id: string;
  expectedVersion?: number;
  reason?: string;
  /** Refuses the move for a reason of its own before the lifecycle is asked (e.g. rating an anonymous ticket). */
  check?: (ticket: Ticket) => void;
  /** Loads or checks what the move needs from the database, after the lifecycle allowed it. */
  prepare?: (em: EntityManager, ticket: Ticket) => Promise<void>;
  /** Writes what else the move changes, after the ticket is stored (other rows, extra events). */
  after?: (em: EntityManager, ticket: Ticket, now: Date) => Promise<void> | void;
  /** Applies the move's own data; runs after the lifecycle allowed it, inside the transaction. */
  apply?: (ticket: Ticket, now: Date) => void;
}

/**
 * Every lifecycle move: loads the ticket, lets the rules table decide from the actor's relations, applies
 * the move's data, keeps the SLA pause account, records the history line and the events, all in one
 * transaction. A stale `expectedVersion`, or a concurrent move that committed first, gets CONFLICT.
 */
@Injectable()
export class TransitionTicket {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: TicketsEnv,
  ) {}

  run(move: Move, actor: Actor, at?: Date) {
    return this.em.transactional(async (em) => {
      const { ticket, snapshot } = await loadTicketForMove(em, move.id);
      if (move.expectedVersion !== undefined && move.expectedVersion !== ticket.version) {
        throw new DomainError('CONFLICT', 'the ticket was changed since you read it', {
          expectedVersion: move.expectedVersion,
          version: ticket.version,
        });
      }
      move.check?.(ticket);
      const decision = decide(ticket.status, move.action, relationsOf(actor, ticket), { hasHandler: Boolean(ticket.handler), status: ticket.status });
      if (!decision.ok) {
        throw new DomainError(decision.code, `${move.action} is not possible on a ${ticket.status} ticket for you`, {
          status: ticket.status,
          action: move.action,
        });
      }
      await move.prepare?.(em, ticket);
      const now = at ?? this.clock.now();
      const from = ticket.status;
      move.apply?.(ticket, now);
      if (PAUSED_STATES.includes(from) && ticket.pausedSince) {
        const seconds = Math.round((now.getTime() - ticket.pausedSince.getTime()) / 1_000);
        ticket.pausedSeconds += seconds;
        ticket.pausedSince = null;
        ticket.sla = pushBack(ticket.sla, seconds);
      }
      if (move.action === 'triage' && ticket.responseLevel) {
        // A reopened ticket starts its clocks again from the reopening.
        ticket.clocksFrom = ticket.reopenCount > 0 ? now : ticket.reportedAt;
        const calendar = await calendarFor(em, ticket.areaPath);
        const kept = ticket.sla.filter((clock) => clock.milestone === 'HOTLINE_DEADLINE' || clock.milestone === 'SUPERVISION_DEADLINE');
        ticket.sla = [...startClocks(ticket.responseLevel, ticket.clocksFrom, calendar), ...kept];
      }
      if (move.action === 'escalate' && ticket.escalation) {
        ticket.sla = [
          ...ticket.sla.filter((clock) => clock.milestone !== 'WHISTLE_ACKNOWLEDGED'),
          { milestone: 'WHISTLE_ACKNOWLEDGED', dueAt: ticket.escalation.acknowledgeBy, warnedAt: null, breachedAt: null, metAt: null },
        ];
      }
      ticket.sla = meet(ticket.sla, MEETS[move.action] ?? [], now);
      if (PAUSED_STATES.includes(decision.to)) ticket.pausedSince = now;
      if (FINAL_STATES.includes(decision.to)) ticket.closedAt = now;
      ticket.nextSlaCheckAt = FINAL_STATES.includes(decision.to) ? null : nextCheck(ticket.sla, ticket.clocksFrom, this.config.SLA_WARN_SHARE);
      ticket.status = decision.to;
      ticket.updatedAt = now;
      // The version-checked UPDATE first (a concurrent move makes it fail with CONFLICT), then the history line
      // and the events, which need the new version, in one round trip of plain inserts.
      await updateVersioned(em, Ticket, ticket, snapshot);
      const view = toView(ticket);
      const history = {
        id: randomUUID(),
        ticketId: ticket.id,
        action: move.action,
        fromStatus: from,
        toStatus: decision.to,
        actorId: actor.id,
        actorRoles: actor.roles,
        reason: move.reason ?? null,
        at: now,
      } satisfies RequiredEntityData<TicketTransition>;
      await insertTogether(em, [
        { type: TicketTransition, data: history },
        ...(EVENTS[move.action] ?? []).map((event) => outboxRow(event, view, { subject: ticket.id, time: now })),
      ]);
      await move.after?.(em, ticket, now);
      return view;
    });
  }
}
