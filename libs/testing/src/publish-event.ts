import { randomUUID } from 'node:crypto';
import { CloudEventHeaders, owningService, type EventContract, type PayloadOf } from '@gov/contracts-core';
import { ensureStream } from '@gov/platform';
import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/nats-core';

/**
 * Publishes an event to JetStream as its owning service would (stream, CloudEvents headers, message id), for
 * consumers of a service that is not built yet or not part of the test. The payload is checked by the contract.
 */
export async function publishEvent<E extends EventContract>(nc: NatsConnection, prefix: string, event: E, payload: PayloadOf<E>, id = randomUUID()) {
  const service = owningService(event.subject);
  await ensureStream(nc, prefix, service);
  const headers = natsHeaders();
  headers.set(CloudEventHeaders.specversion, '1.0');
  headers.set(CloudEventHeaders.id, id);
  headers.set(CloudEventHeaders.source, `/gov/${service}`);
  headers.set(CloudEventHeaders.type, event.subject);
  headers.set(CloudEventHeaders.time, new Date().toISOString());
  headers.set(CloudEventHeaders.datacontenttype, 'application/json');
  await jetstream(nc).publish(`${prefix}${event.subject}`, JSON.stringify(event.payload.parse(payload)), { headers, msgID: id });
  return id;
}
