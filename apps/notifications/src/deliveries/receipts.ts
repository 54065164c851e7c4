import { hasAnyRole, type Actor, type RequestOf } from '@gov/contracts-core';
import { RecordReceiptCommand } from '@gov/contracts-notifications';
import { DomainError, EntityManager, forbidden, Handles, notFound, type Call } from '@gov/platform';
import { Controller, Inject, Injectable } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { CLOCK, type Clock } from '../clock';
import { Delivery } from './delivery.entities';

/** Delivery receipts from providers: a SENT message becomes DELIVERED, or FAILED after all. */
@Injectable()
export class Receipts {
  constructor(
    private readonly em: EntityManager,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  record(request: RequestOf<typeof RecordReceiptCommand>, actor: Actor) {
    // Provider relays call in as the platform (a system identity) or through the district's operators.
    if (actor.kind !== 'system' && !hasAnyRole(actor, ['DISTRICT_OPERATOR'])) throw forbidden('receipts come from the providers’ relays');
    return this.em.transactional(async (em) => {
      const delivery = await em.findOne(Delivery, { id: request.deliveryId });
      if (!delivery) throw notFound('NOTIFICATIONS.DELIVERY_NOT_FOUND', request.deliveryId);
      if (delivery.status !== 'SENT') {
        throw new DomainError('NOTIFICATIONS.RECEIPT_NOT_APPLICABLE', `the delivery is ${delivery.status}`, { status: delivery.status });
      }
      delivery.status = request.status;
      delivery.reason = request.reason ?? null;
      if (request.status === 'DELIVERED') delivery.sentAt ??= this.clock.now();
      return { deliveryId: delivery.id, status: delivery.status };
    });
  }
}

@Controller()
export class ReceiptsHandler {
  constructor(private readonly receipts: Receipts) {}

  @Handles(RecordReceiptCommand)
  record(@Payload() request: RequestOf<typeof RecordReceiptCommand>, @Ctx() call: Call) {
    return this.receipts.record(request, call.actor);
  }
}
