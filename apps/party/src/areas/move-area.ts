import type { Actor, RequestOf } from '@gov/contracts-core';
import { AreaMovedEvent, type MoveAreaCommand } from '@gov/contracts-party';
import { DomainError, EntityManager, recordEvent } from '@gov/platform';
import { Injectable } from '@nestjs/common';
import { assertMayManage } from '../authorisation';
import { Area } from './area.entity';
import { areaFits, childPath, depthOf, isWithin } from './areas.rules';
import { assertOpen, assertVersion, loadArea, toView } from './area.view';

/** Tree moves are rare and must not race into a cycle, so they take one transaction-scoped lock. */
const AREA_TREE_LOCK = 7_201_001;

@Injectable()
export class MoveArea {
  constructor(private readonly em: EntityManager) {}

  run(request: RequestOf<typeof MoveAreaCommand>, actor: Actor) {
    return this.em.transactional(async (em) => {
      await em.execute('select pg_advisory_xact_lock(?)', [AREA_TREE_LOCK]);
      const area = await loadArea(em, request.id);
      const parent = await loadArea(em, request.parentId);
      const oldPath = area.path;
      const newPath = childPath(parent.path, area.code);
      assertMayManage(actor, oldPath, newPath);
      assertOpen(area);
      assertOpen(parent);
      assertVersion(area.version, request.expectedVersion);
      if (area.parentId === parent.id) return toView(area);
      if (isWithin(parent.path, area.path)) {
        throw new DomainError('PARTY.AREA_CYCLE', 'an area cannot move under itself or its descendants', {
          id: area.id,
          parentId: parent.id,
        });
      }
      if (!areaFits(area.type, parent.type)) {
        throw new DomainError('PARTY.AREA_TYPE_NOT_ALLOWED', `${area.type} cannot sit under ${parent.type}`, {
          type: area.type,
          parentType: parent.type,
        });
      }
      if (await em.count(Area, { parentId: parent.id, code: area.code })) {
        throw new DomainError('PARTY.AREA_CODE_TAKEN', `code ${area.code} is taken under the new parent`, { code: area.code });
      }
      const depthShift = depthOf(newPath) - depthOf(oldPath);
      // Descendants and the organisations attached anywhere in the subtree follow the new path.
      await em.execute(
        `update area set path = ? || substr(path, ?), depth = depth + ?, version = version + 1, updated_at = now()
         where path like ? and id <> ?`,
        [newPath, oldPath.length + 1, depthShift, `${oldPath}%`, area.id],
      );
      await em.execute(
        `update party_organisation set area_path = ? || substr(area_path, ?), version = version + 1, updated_at = now()
         where area_path like ?`,
        [newPath, oldPath.length + 1, `${oldPath}%`],
      );
      const previousParentId = area.parentId ?? null;
      area.parentId = parent.id;
      area.path = newPath;
      area.depth = depthOf(newPath);
      area.updatedAt = new Date();
      await em.flush();
      recordEvent(
        em,
        AreaMovedEvent,
        { ...toView(area), previousParentId: previousParentId as never, previousPath: oldPath },
        { subject: area.id },
      );
      return toView(area);
    });
  }
}
