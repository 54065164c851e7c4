import { defineEntity, p } from '@mikro-orm/core';

const OutboxMessageSchema = defineEntity({
  name: 'OutboxMessage',
  tableName: 'outbox',
  properties: {
    id: p.uuid().primary(),
    subject: p.string().length(255),
    /** The event's JSON as published: text, so neither PostgreSQL nor the relay parses it again. */
    payload: p.text(),
    /** The CloudEvents and correlation headers, as a JSON object. */
    headers: p.text(),
    createdAt: p.datetime().length(3),
  },
  indexes: [{ name: 'outbox_created_idx', properties: ['createdAt'] }],
});
/**
 * An event waiting to be relayed to JetStream; written in the same transaction as the change it reports, and
 * deleted once JetStream has stored it (the stream, not this table, keeps the events).
 */
export class OutboxMessage extends OutboxMessageSchema.class {}
OutboxMessageSchema.setClass(OutboxMessage);

const ProcessedMessageSchema = defineEntity({
  name: 'ProcessedMessage',
  tableName: 'processed_message',
  properties: {
    consumer: p.string().length(128).primary(),
    messageId: p.string().length(128).primary(),
    processedAt: p.datetime().length(3),
  },
});
/** A consumed event id, recorded in the consumer's own transaction so a redelivery is applied once. */
export class ProcessedMessage extends ProcessedMessageSchema.class {}
ProcessedMessageSchema.setClass(ProcessedMessage);

const IdempotencyRecordSchema = defineEntity({
  name: 'IdempotencyRecord',
  tableName: 'idempotency_record',
  properties: {
    scope: p.string().length(128).primary(),
    key: p.string().length(128).primary(),
    requestHash: p.string().length(64),
    resultId: p.string().length(64).nullable(),
    createdAt: p.datetime().length(3),
  },
});
/** The first result of a create command, by its idempotency key. */
export class IdempotencyRecord extends IdempotencyRecordSchema.class {}
IdempotencyRecordSchema.setClass(IdempotencyRecord);

export const platformEntities = [OutboxMessage, ProcessedMessage, IdempotencyRecord];
