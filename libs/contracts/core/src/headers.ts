/** NATS header names shared by every service. */
export const Headers = {
  correlationId: 'x-correlation-id',
  /** JSON of the acting identity (see Actor), set by the gateway, checked again by each service. */
  actor: 'x-actor',
  /** Optional idempotency key of a create command, mirrored from the HTTP `Idempotency-Key` header. */
  idempotencyKey: 'idempotency-key',
} as const;

/** CloudEvents 1.0 attributes in binary mode of the NATS protocol binding. */
export const CloudEventHeaders = {
  specversion: 'ce-specversion',
  id: 'ce-id',
  source: 'ce-source',
  type: 'ce-type',
  time: 'ce-time',
  subject: 'ce-subject',
  datacontenttype: 'content-type',
} as const;
