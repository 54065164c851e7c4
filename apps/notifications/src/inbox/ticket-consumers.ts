import { randomUUID } from 'node:crypto';
import type { EventContract } from '@gov/contracts-core';
import type { MessageType } from '@gov/contracts-notifications';
import {
  TicketAcknowledgedEvent,
  TicketClosedEvent,
  TicketDispatchedEvent,
  TicketEscalatedEvent,
  TicketReopenedEvent,
  TicketResolvedEvent,
  type Ticket,
} from '@gov/contracts-tickets';
import type { ConsumerSpec, EntityManager, EventMeta } from '@gov/platform';
import { render } from '../catalogue';
import { enqueueWebhooks } from '../webhooks/webhooks';

interface Delivery {
  recipientId: string;
  type: MessageType;
  data: Record<string, string | number>;
}

/** Writes one inbox message per recipient in the consumer's transaction; the dedupe key makes a repeat a no-op. */
async function deliver(em: EntityManager, meta: EventMeta, ticket: Ticket, deliveries: Delivery[]) {
  for (const delivery of deliveries) {
    // No preferences yet: everyone reads zh-CN (issue 4 adds per-person locale and channels).
    const locale = 'zh-CN';
    const { title, body } = render(delivery.type, locale, delivery.data);
    await em.execute(
      `insert into inbox_message (id, recipient_id, type, locale, title, body, ticket_id, dedupe_key, read_at, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, null, now()) on conflict (dedupe_key) do nothing`,
      [randomUUID(), delivery.recipientId, delivery.type, locale, title, body, ticket.id, `${meta.id}:${delivery.recipientId}:${delivery.type}`],
    );
  }
}

const reporterOf = (ticket: Ticket) => (ticket.reporter.type !== 'ANONYMOUS' && ticket.reporter.personId ? [ticket.reporter.personId] : []);

function consumer(event: EventContract, deliveries: (ticket: Ticket) => Delivery[]): ConsumerSpec<EventContract> {
  return {
    consumer: 'notifications',
    event,
    concurrency: 16,
    handle: async (em, payload, meta) => {
      await deliver(em, meta, payload as Ticket, deliveries(payload as Ticket));
      await enqueueWebhooks(em, meta, payload as Ticket);
    },
  };
}

/** Ticket events turned into messages for the right people (an anonymous reporter gets none). */
export const ticketConsumers: ConsumerSpec<EventContract>[] = [
  consumer(TicketAcknowledgedEvent, (t) => reporterOf(t).map((recipientId) => ({ recipientId, type: 'TICKET_ACKNOWLEDGED', data: { title: t.title } }))),
  consumer(TicketDispatchedEvent, (t) =>
    t.handler?.kind === 'PERSON'
      ? [{ recipientId: t.handler.id, type: 'TICKET_DISPATCHED_TO_YOU', data: { title: t.title, location: t.location.freeText } }]
      : [],
  ),
  consumer(TicketResolvedEvent, (t) => reporterOf(t).map((recipientId) => ({ recipientId, type: 'TICKET_RESOLVED_PLEASE_RATE', data: { title: t.title } }))),
  consumer(TicketReopenedEvent, (t) =>
    t.firstContactOwnerId
      ? [{ recipientId: t.firstContactOwnerId, type: 'TICKET_REOPENED', data: { title: t.title, reopenCount: t.reopenCount } }]
      : [],
  ),
  // No inbox message of their own; webhooks only.
  consumer(TicketEscalatedEvent, () => []),
  consumer(TicketClosedEvent, () => []),
];
