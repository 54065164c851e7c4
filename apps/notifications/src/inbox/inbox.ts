import type { Actor, RequestOf } from '@gov/contracts-core';
import type { InboxMessage as MessageView, ListInboxQuery, MarkReadCommand } from '@gov/contracts-notifications';
import { EntityManager, forbidden, Handles, sqlArray, type Call } from '@gov/platform';
import { ListInboxQuery as ListInbox, MarkReadCommand as MarkRead } from '@gov/contracts-notifications';
import { Controller, Injectable } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { InboxMessage } from './inbox-message.entity';

function view(message: InboxMessage): MessageView {
  return {
    id: message.id as MessageView['id'],
    recipientId: message.recipientId,
    type: message.type,
    locale: message.locale,
    title: message.title,
    body: message.body,
    ticketId: message.ticketId ?? null,
    noticeId: message.noticeId ?? null,
    readAt: message.readAt ? message.readAt.toISOString() : null,
    createdAt: message.createdAt.toISOString(),
  };
}

/** Everyone reads and marks only their own inbox. */
@Injectable()
export class Inbox {
  constructor(private readonly em: EntityManager) {}

  private me(actor: Actor) {
    if (actor.kind !== 'user' || actor.roles.length === 0) throw forbidden('an inbox belongs to a person');
    return actor.id;
  }

  async list(request: RequestOf<typeof ListInboxQuery>, actor: Actor) {
    const recipientId = this.me(actor);
    const [cursorAt, cursorId] = request.cursor?.split('|') ?? [];
    const rows = await this.em.find(
      InboxMessage,
      {
        recipientId,
        ...(request.unreadOnly ? { readAt: null } : {}),
        ...(cursorAt && cursorId ? { $or: [{ createdAt: { $lt: new Date(cursorAt) } }, { createdAt: new Date(cursorAt), id: { $lt: cursorId } }] } : {}),
      },
      { orderBy: { createdAt: 'desc', id: 'desc' }, limit: request.limit + 1 },
    );
    const more = rows.length > request.limit;
    const items = more ? rows.slice(0, request.limit) : rows;
    const last = items.at(-1);
    return {
      items: items.map(view),
      nextCursor: more && last ? `${last.createdAt.toISOString()}|${last.id}` : null,
      unread: await this.em.count(InboxMessage, { recipientId, readAt: null }),
    };
  }

  markRead(request: RequestOf<typeof MarkReadCommand>, actor: Actor) {
    const recipientId = this.me(actor);
    return this.em.transactional(async (em) => {
      const now = new Date();
      const marked = await em.nativeUpdate(InboxMessage, { id: { $in: request.ids }, recipientId, readAt: null }, { readAt: now });
      // The delivery behind each message moves on to READ (the delivery report counts reads).
      await em.execute(`update delivery set status = 'READ', read_at = ? where recipient_id = ? and inbox_message_id = any(?::uuid[]) and status = 'DELIVERED'`, [
        now,
        recipientId,
        sqlArray(request.ids),
      ]);
      return { marked, unread: await em.count(InboxMessage, { recipientId, readAt: null }) };
    });
  }
}

@Controller()
export class InboxHandler {
  constructor(private readonly inbox: Inbox) {}

  @Handles(ListInbox)
  list(@Payload() request: RequestOf<typeof ListInboxQuery>, @Ctx() call: Call) {
    return this.inbox.list(request, call.actor);
  }

  @Handles(MarkRead)
  markRead(@Payload() request: RequestOf<typeof MarkReadCommand>, @Ctx() call: Call) {
    return this.inbox.markRead(request, call.actor);
  }
}
