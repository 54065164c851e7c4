import { randomUUID } from 'node:crypto';
import { hasAnyRole, inScope, type Actor, type RequestOf } from '@gov/contracts-core';
import { Channel, Locale, SendMessageCommand } from '@gov/contracts-notifications';
import { claimIdempotency, completeIdempotency, EntityManager, forbidden, Handles, SERVICE_CONFIG, sqlArray, type Call } from '@gov/platform';
import { Controller, Inject, Injectable } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { render } from '../catalogue';
import { CLOCK, type Clock } from '../clock';
import type { NotificationsEnv } from '../config';
import { PUBLISHER_ROLES } from '../notices/notice.rules';
import { deliver } from './deliver';

/**
 * Staff message the people of their own area: residents and post holders the projections place under one of
 * their scopes. Anyone else (or anyone unknown here) is refused by name.
 */
async function assertWithinScope(em: EntityManager, actor: Actor, recipients: string[]) {
  const rows = await em.execute<{ person_id: string; area_path: string }[]>(
    `select person_id, area_path from resident where person_id = any(?::text[])
     union all select person_id, area_path from role_holder where person_id = any(?::text[])`,
    [sqlArray(recipients), sqlArray(recipients)],
  );
  const reachable = new Set(rows.filter((row) => inScope(actor, row.area_path)).map((row) => row.person_id));
  const outside = recipients.filter((id) => !reachable.has(id));
  if (outside.length > 0) throw forbidden('you may message the people of your own area', { field: 'recipients', outside });
}

/** Sends a catalogue message to named people: staff, or another service acting as the system. */
@Injectable()
export class SendMessages {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsEnv,
  ) {}

  send(request: RequestOf<typeof SendMessageCommand>, actor: Actor, idempotencyKey?: string) {
    if (actor.kind !== 'system' && !hasAnyRole(actor, PUBLISHER_ROLES)) throw forbidden('messages are sent by community staff and the platform’s services');
    // Every locale and channel must render before anything is written: a missing variable sends nothing.
    for (const locale of Locale.options) for (const channel of Channel.options) render(request.type, locale, request.data, channel);
    const key = request.idempotencyKey ?? idempotencyKey;
    return this.em.transactional(async (em) => {
      const scope = `notifications.message.send:${actor.id}`;
      // A repeat with the same key delivers under the first one's source key, so the dedupe keys stop it.
      const sourceKey = (await claimIdempotency(em, scope, key, request, 'NOTIFICATIONS.IDEMPOTENCY_KEY_REUSED')) ?? randomUUID();
      const recipients = [...new Set(request.recipients)];
      if (actor.kind !== 'system') await assertWithinScope(em, actor, recipients);
      const tally = await deliver(
        em,
        recipients.map((recipientId) => ({ recipientId, type: request.type, data: request.data, sourceKey: `message:${sourceKey}` })),
        { throttlePerHour: this.config.THROTTLE_PER_HOUR },
        this.clock.now(),
      );
      await completeIdempotency(em, scope, key, sourceKey);
      return { deliveries: tally.deliveries };
    });
  }
}

@Controller()
export class SendMessagesHandler {
  constructor(private readonly messages: SendMessages) {}

  @Handles(SendMessageCommand)
  send(@Payload() request: RequestOf<typeof SendMessageCommand>, @Ctx() call: Call) {
    return this.messages.send(request, call.actor, call.idempotencyKey);
  }
}
