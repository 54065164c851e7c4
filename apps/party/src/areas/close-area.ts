import type { Actor, RequestOf } from '@gov/contracts-core';
import { AreaClosedEvent, type CloseAreaCommand } from '@gov/contracts-party';
import { DomainError, EntityManager, recordEvent } from '@gov/platform';
import { Injectable } from '@nestjs/common';
import { assertMayManage } from '../authorisation';
import { Organisation } from '../organisations/organisation.entity';
import { Area } from './area.entity';
import { assertOpen, assertVersion, loadArea, toView } from './area.view';

@Injectable()
export class CloseArea {
  constructor(private readonly em: EntityManager) {}

  run(request: RequestOf<typeof CloseAreaCommand>, actor: Actor) {
    return this.em.transactional(async (em) => {
      const area = await loadArea(em, request.id);
      assertMayManage(actor, area.path);
      assertOpen(area);
      assertVersion(area.version, request.expectedVersion);
      const openChildren = await em.count(Area, { parentId: area.id, status: 'ACTIVE' });
      if (openChildren > 0) {
        throw new DomainError('PARTY.AREA_HAS_OPEN_CHILDREN', `${openChildren} child areas are still open`, { openChildren });
      }
      const organisations = await em.count(Organisation, { areaId: area.id, status: 'ACTIVE' });
      if (organisations > 0) {
        throw new DomainError('PARTY.AREA_HAS_ACTIVE_ORGANISATIONS', `${organisations} organisations are still active here`, {
          organisations,
        });
      }
      const now = new Date();
      area.status = 'CLOSED';
      area.closeReason = request.reason;
      area.closedAt = now;
      area.updatedAt = now;
      await em.flush();
      recordEvent(em, AreaClosedEvent, { ...toView(area), reason: request.reason }, { subject: area.id, time: now });
      return toView(area);
    });
  }
}
