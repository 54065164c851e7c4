import type { EventContract } from '@gov/contracts-core';
import {
  CareVisitOverdueEvent,
  TicketAcknowledgedEvent,
  TicketClosedEvent,
  TicketDispatchedEvent,
  TicketEscalatedEvent,
  TicketReopenedEvent,
  TicketResolvedEvent,
  TicketSlaWarnedEvent,
  type Milestone,
  type Ticket,
  type VisitStream,
} from '@gov/contracts-tickets';
import type { Locale } from '@gov/contracts-notifications';
import type { ConsumerSpec } from '@gov/platform';
import { LABELS } from '../catalogue';
import { deliver, type DeliverySettings, type Outgoing } from '../deliveries/deliver';
import { enqueueWebhooks } from '../webhooks/webhooks';

type Message = Omit<Outgoing, 'sourceKey' | 'ticketId'>;

const reporterOf = (ticket: Ticket) => (ticket.reporter.type !== 'ANONYMOUS' && ticket.reporter.personId ? [ticket.reporter.personId] : []);

function consumer(settings: DeliverySettings, event: EventContract, messages: (ticket: Ticket) => Message[]): ConsumerSpec<EventContract> {
  return {
    consumer: 'notifications',
    event,
    concurrency: 16,
    handle: async (em, payload, meta) => {
      const ticket = payload as Ticket;
      const outgoing = messages(ticket).map((m) => ({ ...m, sourceKey: meta.id, ticketId: ticket.id }));
      await deliver(em, outgoing, settings, new Date());
      await enqueueWebhooks(em, meta, ticket);
    },
  };
}

/**
 * Ticket and care events turned into messages for the right people (an anonymous reporter gets none),
 * through their preferences, quiet hours and throttling; the units a ticket is given to get webhooks.
 */
export function ticketConsumers(settings: DeliverySettings): ConsumerSpec<EventContract>[] {
  return [
    consumer(settings, TicketAcknowledgedEvent, (t) => reporterOf(t).map((recipientId) => ({ recipientId, type: 'TICKET_ACKNOWLEDGED', data: { title: t.title } }))),
    consumer(settings, TicketDispatchedEvent, (t) =>
      t.handler?.kind === 'PERSON' ? [{ recipientId: t.handler.id, type: 'TICKET_DISPATCHED_TO_YOU', data: { title: t.title, location: t.location.freeText } }] : [],
    ),
    consumer(settings, TicketResolvedEvent, (t) =>
      reporterOf(t).map((recipientId) => ({ recipientId, type: 'TICKET_RESOLVED_PLEASE_RATE', data: { title: t.title } })),
    ),
    consumer(settings, TicketReopenedEvent, (t) =>
      t.firstContactOwnerId ? [{ recipientId: t.firstContactOwnerId, type: 'TICKET_REOPENED', data: { title: t.title, reopenCount: t.reopenCount } }] : [],
    ),
    // The officers following the department a whistle is blown to; the department's webhooks as well.
    {
      consumer: 'notifications',
      event: TicketEscalatedEvent,
      concurrency: 8,
      handle: async (em, payload, meta) => {
        const ticket = payload as Ticket;
        const departmentId = ticket.escalation?.departmentId;
        const followers = departmentId
          ? await em.execute<{ person_id: string }[]>('select person_id from unit_follower where unit_id = ?', [departmentId])
          : [];
        const outgoing = followers.map((f) => ({
          recipientId: f.person_id,
          type: 'TICKET_ESCALATED_TO_YOUR_DEPARTMENT' as const,
          data: { title: ticket.title, location: ticket.location.freeText, acknowledgeBy: shanghaiTime(ticket.escalation!.acknowledgeBy) },
          sourceKey: meta.id,
          ticketId: ticket.id,
        }));
        await deliver(em, outgoing, settings, new Date());
        await enqueueWebhooks(em, meta, ticket);
      },
    },
    consumer(settings, TicketClosedEvent, () => []),
    {
      consumer: 'notifications',
      event: TicketSlaWarnedEvent,
      concurrency: 8,
      handle: async (em, payload, meta) => {
        const { ticket, milestone, dueAt } = payload as { ticket: Ticket; milestone: string; dueAt: string };
        const people = new Set([ticket.firstContactOwnerId, ticket.handler?.kind === 'PERSON' ? ticket.handler.id : null].filter((id): id is string => Boolean(id)));
        const outgoing = [...people].map((recipientId) => ({
          recipientId,
          type: 'TICKET_SLA_WARNING' as const,
          data: (locale: Locale) => ({ title: ticket.title, milestone: LABELS.milestone[milestone as Milestone][locale], dueAt: shanghaiTime(dueAt) }),
          sourceKey: meta.id,
          ticketId: ticket.id,
        }));
        await deliver(em, outgoing, settings, new Date());
      },
    },
    {
      consumer: 'notifications',
      event: CareVisitOverdueEvent,
      concurrency: 8,
      handle: async (em, payload, meta) => {
        const { visitors, stream, dueAt } = payload as { visitors: string[]; stream: string; dueAt: string };
        const outgoing = visitors.map((recipientId) => ({
          recipientId,
          type: 'CARE_VISIT_OVERDUE' as const,
          data: (locale: Locale) => ({ stream: LABELS.stream[stream as VisitStream][locale], dueAt: shanghaiTime(dueAt) }),
          sourceKey: meta.id,
        }));
        await deliver(em, outgoing, settings, new Date());
      },
    },
  ];
}

/** An instant as people here read it: 2026-11-12 14:00 (Asia/Shanghai, UTC+8). */
export function shanghaiTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
