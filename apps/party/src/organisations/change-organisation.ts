import type { Actor, RequestOf } from '@gov/contracts-core';
import {
  OrganisationClosedEvent,
  OrganisationRenamedEvent,
  OrganisationSecretaryChangedEvent,
  type CloseOrganisationCommand,
  type RenameOrganisationCommand,
  type SetSecretaryCommand,
} from '@gov/contracts-party';
import { DomainError, EntityManager, recordEvent } from '@gov/platform';
import { Injectable } from '@nestjs/common';
import { assertVersion } from '../areas/area.view';
import { assertMayManage } from '../authorisation';
import { Organisation } from './organisation.entity';
import { assertActive, assertNameFree, loadOrganisation, toView } from './organisation.view';

/** Loads an active organisation the actor may manage, at the version the caller read. */
async function loadForChange(em: EntityManager, id: string, actor: Actor, expectedVersion?: number) {
  const org = await loadOrganisation(em, id);
  assertMayManage(actor, org.areaPath);
  assertActive(org);
  assertVersion(org.version, expectedVersion);
  return org;
}

@Injectable()
export class RenameOrganisation {
  constructor(private readonly em: EntityManager) {}

  run(request: RequestOf<typeof RenameOrganisationCommand>, actor: Actor) {
    return this.em.transactional(async (em) => {
      const org = await loadForChange(em, request.id, actor, request.expectedVersion);
      if (org.name === request.name) return toView(org);
      await assertNameFree(em, org.parentId ?? null, request.name, org.id);
      const previousName = org.name;
      org.name = request.name;
      org.updatedAt = new Date();
      await em.flush();
      recordEvent(em, OrganisationRenamedEvent, { ...toView(org), previousName }, { subject: org.id });
      return toView(org);
    });
  }
}

@Injectable()
export class SetSecretary {
  constructor(private readonly em: EntityManager) {}

  run(request: RequestOf<typeof SetSecretaryCommand>, actor: Actor) {
    return this.em.transactional(async (em) => {
      const org = await loadForChange(em, request.id, actor, request.expectedVersion);
      const previousSecretary = toView(org).secretary;
      org.secretaryName = request.secretary?.name ?? null;
      org.secretaryPersonId = request.secretary?.personId ?? null;
      org.updatedAt = new Date();
      await em.flush();
      recordEvent(em, OrganisationSecretaryChangedEvent, { ...toView(org), previousSecretary }, { subject: org.id });
      return toView(org);
    });
  }
}

@Injectable()
export class CloseOrganisation {
  constructor(private readonly em: EntityManager) {}

  run(request: RequestOf<typeof CloseOrganisationCommand>, actor: Actor) {
    return this.em.transactional(async (em) => {
      const org = await loadForChange(em, request.id, actor, request.expectedVersion);
      const activeChildren = await em.count(Organisation, { parentId: org.id, status: 'ACTIVE' });
      if (activeChildren > 0) {
        throw new DomainError(
          'PARTY.ORGANISATION_HAS_ACTIVE_CHILDREN',
          `${activeChildren} child organisations are still active`,
          { activeChildren },
        );
      }
      const now = new Date();
      org.status = 'DISSOLVED';
      org.dissolvedOn = request.dissolvedOn ?? now.toISOString().slice(0, 10);
      org.dissolveReason = request.reason;
      org.updatedAt = now;
      await em.flush();
      recordEvent(em, OrganisationClosedEvent, { ...toView(org), reason: request.reason }, { subject: org.id, time: now });
      return toView(org);
    });
  }
}
