import type { Actor, RequestOf } from '@gov/contracts-core';
import { OrganisationMovedEvent, type MoveOrganisationCommand } from '@gov/contracts-party';
import { DomainError, EntityManager, recordEvent } from '@gov/platform';
import { Injectable } from '@nestjs/common';
import { assertVersion } from '../areas/area.view';
import { isWithin } from '../areas/areas.rules';
import { assertMayManage } from '../authorisation';
import { organisationFits, organisationPath } from './organisations.rules';
import { assertActive, assertNameFree, loadOrganisation, toView } from './organisation.view';

const ORGANISATION_TREE_LOCK = 7_201_002;

@Injectable()
export class MoveOrganisation {
  constructor(private readonly em: EntityManager) {}

  run(request: RequestOf<typeof MoveOrganisationCommand>, actor: Actor) {
    return this.em.transactional(async (em) => {
      await em.execute('select pg_advisory_xact_lock(?)', [ORGANISATION_TREE_LOCK]);
      const org = await loadOrganisation(em, request.id);
      const parent = await loadOrganisation(em, request.parentId);
      assertMayManage(actor, org.areaPath, parent.areaPath);
      assertActive(org);
      assertActive(parent);
      assertVersion(org.version, request.expectedVersion);
      if (org.parentId === parent.id) return toView(org);
      if (isWithin(parent.path, org.path)) {
        throw new DomainError('PARTY.ORGANISATION_CYCLE', 'an organisation cannot move under itself or its descendants', {
          id: org.id,
          parentId: parent.id,
        });
      }
      if (!organisationFits(org.type, parent.type)) {
        throw new DomainError('PARTY.ORGANISATION_TYPE_NOT_ALLOWED', `${org.type} cannot sit under ${parent.type}`, {
          type: org.type,
          parentType: parent.type,
        });
      }
      if (!isWithin(org.areaPath, parent.areaPath)) {
        throw new DomainError('PARTY.ORGANISATION_OUTSIDE_PARENT_AREA', "the organisation's area lies outside the new parent's area", {
          areaPath: org.areaPath,
          parentAreaPath: parent.areaPath,
        });
      }
      await assertNameFree(em, parent.id, org.name, org.id);
      const oldPath = org.path;
      const newPath = organisationPath(parent.path, org.id);
      await em.execute(
        `update party_organisation set path = ? || substr(path, ?), version = version + 1, updated_at = now()
         where path like ? and id <> ?`,
        [newPath, oldPath.length + 1, `${oldPath}%`, org.id],
      );
      const previousParentId = org.parentId ?? null;
      org.parentId = parent.id;
      org.path = newPath;
      org.updatedAt = new Date();
      await em.flush();
      recordEvent(em, OrganisationMovedEvent, { ...toView(org), previousParentId: previousParentId as never }, { subject: org.id });
      return toView(org);
    });
  }
}
