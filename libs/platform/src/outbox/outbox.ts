import { randomUUID } from 'node:crypto';
import { CloudEventHeaders, Headers, owningService, type EventContract, type PayloadOf } from '@gov/contracts-core';
import type { EntityManager } from '@mikro-orm/sql';
import { currentContext } from '../context';
import { OutboxMessage } from '../orm/platform-entities';

/**
 * Adds an event to the outbox of the caller's unit of work: it commits with the change it reports and the
 * relay publishes it to JetStream afterwards. The payload is validated against the event's contract here,
 * so a malformed fact never leaves the service.
 */
export function recordEvent<E extends EventContract>(
  em: EntityManager,
  event: E,
  payload: PayloadOf<E>,
  about: { subject: string; time?: Date },
): OutboxMessage {
  const message = em.create(OutboxMessage, outboxRow(event, payload, about).data);
  em.persist(message);
  return message;
}

/** The outbox row of an event, as plain data: for `insertTogether`, which writes it with the change itself. */
export function outboxRow<E extends EventContract>(event: E, payload: PayloadOf<E>, about: { subject: string; time?: Date }) {
  const data = event.payload.parse(payload) as Record<string, unknown>;
  const id = randomUUID();
  const time = about.time ?? new Date();
  const headers: Record<string, string> = {
    [CloudEventHeaders.specversion]: '1.0',
    [CloudEventHeaders.id]: id,
    [CloudEventHeaders.source]: `/gov/${owningService(event.subject)}`,
    [CloudEventHeaders.type]: event.subject,
    [CloudEventHeaders.time]: time.toISOString(),
    [CloudEventHeaders.subject]: about.subject,
    [CloudEventHeaders.datacontenttype]: 'application/json',
  };
  const correlationId = currentContext()?.correlationId;
  if (correlationId) headers[Headers.correlationId] = correlationId;
  return {
    type: OutboxMessage,
    data: { id, subject: event.subject, payload: JSON.stringify(data), headers: JSON.stringify(headers), createdAt: time },
  };
}
