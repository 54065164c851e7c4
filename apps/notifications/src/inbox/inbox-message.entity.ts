import { Locale, MessageType } from '@gov/contracts-notifications';
import { defineEntity, p } from '@mikro-orm/core';

const InboxMessageSchema = defineEntity({
  name: 'InboxMessage',
  tableName: 'inbox_message',
  properties: {
    id: p.uuid().primary(),
    recipientId: p.string().length(128).index('inbox_message_recipient_idx'),
    type: p.enum(MessageType.options),
    locale: p.enum(Locale.options),
    title: p.string().length(200),
    body: p.string().length(2_000),
    ticketId: p.string().length(64).nullable(),
    noticeId: p.uuid().nullable(),
    /** One message per event, recipient and type, whatever redelivers the event. */
    dedupeKey: p.string().length(300).unique('inbox_message_dedupe_unique'),
    readAt: p.datetime().length(3).nullable(),
    createdAt: p.datetime().length(3),
  },
});

/** A message in a person's in-app inbox. */
export class InboxMessage extends InboxMessageSchema.class {}
InboxMessageSchema.setClass(InboxMessage);
