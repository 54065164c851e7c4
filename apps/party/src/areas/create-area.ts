import { randomUUID } from 'node:crypto';
import type { Actor, RequestOf } from '@gov/contracts-core';
import { AreaCreatedEvent, type CreateAreaCommand } from '@gov/contracts-party';
import { claimIdempotency, completeIdempotency, DomainError, EntityManager, recordEvent } from '@gov/platform';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { assertMayManage } from '../authorisation';
import { Area } from './area.entity';
import { areaFits, childPath, depthOf } from './areas.rules';
import { assertOpen, loadArea, toView } from './area.view';

@Injectable()
export class CreateArea {
  constructor(private readonly em: EntityManager) {}

  run(request: RequestOf<typeof CreateAreaCommand>, actor: Actor, idempotencyKey?: string) {
    const key = request.idempotencyKey ?? idempotencyKey;
    return this.em.transactional(async (em) => {
      const parent = request.parentId ? await loadArea(em, request.parentId) : null;
      const path = childPath(parent?.path ?? null, request.code);
      assertMayManage(actor, path);
      const prior = await claimIdempotency(em, 'party.area.create', key, request, 'PARTY.IDEMPOTENCY_KEY_REUSED');
      if (prior) return toView(await loadArea(em, prior));
      if (parent) assertOpen(parent);
      if (!areaFits(request.type, parent?.type ?? null)) {
        throw new DomainError('PARTY.AREA_TYPE_NOT_ALLOWED', `${request.type} cannot sit under ${parent?.type ?? 'no parent'}`, {
          type: request.type,
          parentType: parent?.type ?? null,
        });
      }
      const now = new Date();
      const area = em.create(Area, {
        id: randomUUID(),
        code: request.code,
        name: request.name,
        type: request.type,
        parentId: parent?.id ?? null,
        path,
        depth: depthOf(path),
        status: 'ACTIVE',
        closeReason: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
        closedAt: null,
      });
      em.persist(area);
      await completeIdempotency(em, 'party.area.create', key, area.id);
      recordEvent(em, AreaCreatedEvent, toView(area), { subject: area.id, time: now });
      try {
        await em.flush();
      } catch (error) {
        // The unique index on (parent, code) decides; checking first would cost a round trip on every create.
        if (error instanceof UniqueConstraintViolationException) {
          throw new DomainError('PARTY.AREA_CODE_TAKEN', `code ${request.code} is taken under this parent`, { code: request.code });
        }
        throw error;
      }
      return toView(area);
    });
  }
}
