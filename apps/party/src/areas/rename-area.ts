import type { Actor, RequestOf } from '@gov/contracts-core';
import { AreaRenamedEvent, type RenameAreaCommand } from '@gov/contracts-party';
import { EntityManager, recordEvent } from '@gov/platform';
import { Injectable } from '@nestjs/common';
import { assertMayManage } from '../authorisation';
import { assertOpen, assertVersion, loadArea, toView } from './area.view';

@Injectable()
export class RenameArea {
  constructor(private readonly em: EntityManager) {}

  run(request: RequestOf<typeof RenameAreaCommand>, actor: Actor) {
    return this.em.transactional(async (em) => {
      const area = await loadArea(em, request.id);
      assertMayManage(actor, area.path);
      assertOpen(area);
      assertVersion(area.version, request.expectedVersion);
      if (area.name === request.name) return toView(area);
      const previousName = area.name;
      area.name = request.name;
      area.updatedAt = new Date();
      await em.flush();
      recordEvent(em, AreaRenamedEvent, { ...toView(area), previousName }, { subject: area.id });
      return toView(area);
    });
  }
}
