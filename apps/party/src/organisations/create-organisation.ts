import { randomUUID } from 'node:crypto';
import type { Actor, RequestOf } from '@gov/contracts-core';
import { OrganisationCreatedEvent, type CreateOrganisationCommand } from '@gov/contracts-party';
import { claimIdempotency, completeIdempotency, DomainError, EntityManager, recordEvent } from '@gov/platform';
import { Injectable } from '@nestjs/common';
import { assertOpen, loadArea } from '../areas/area.view';
import { isWithin } from '../areas/areas.rules';
import { assertMayManage } from '../authorisation';
import { Organisation } from './organisation.entity';
import { organisationFits, organisationPath } from './organisations.rules';
import { assertActive, assertNameFree, loadOrganisation, toView } from './organisation.view';

@Injectable()
export class CreateOrganisation {
  constructor(private readonly em: EntityManager) {}

  run(request: RequestOf<typeof CreateOrganisationCommand>, actor: Actor, idempotencyKey?: string) {
    const key = request.idempotencyKey ?? idempotencyKey;
    return this.em.transactional(async (em) => {
      const area = await loadArea(em, request.areaId);
      assertMayManage(actor, area.path);
      const prior = await claimIdempotency(em, 'party.organisation.create', key, request, 'PARTY.IDEMPOTENCY_KEY_REUSED');
      if (prior) return toView(await loadOrganisation(em, prior));
      assertOpen(area);
      const parent = request.parentId ? await loadOrganisation(em, request.parentId) : null;
      if (parent) assertActive(parent);
      if (!organisationFits(request.type, parent?.type ?? null)) {
        throw new DomainError(
          'PARTY.ORGANISATION_TYPE_NOT_ALLOWED',
          `${request.type} cannot sit under ${parent?.type ?? 'no parent'}`,
          { type: request.type, parentType: parent?.type ?? null },
        );
      }
      if (parent && !isWithin(area.path, parent.areaPath)) {
        throw new DomainError('PARTY.ORGANISATION_OUTSIDE_PARENT_AREA', "the area lies outside the parent's area", {
          areaPath: area.path,
          parentAreaPath: parent.areaPath,
        });
      }
      await assertNameFree(em, parent?.id ?? null, request.name);
      const id = randomUUID();
      const now = new Date();
      const org = em.create(Organisation, {
        id,
        name: request.name,
        type: request.type,
        parentId: parent?.id ?? null,
        path: organisationPath(parent?.path ?? null, id),
        areaId: area.id,
        areaPath: area.path,
        secretaryName: request.secretary?.name ?? null,
        secretaryPersonId: request.secretary?.personId ?? null,
        status: 'ACTIVE',
        foundedOn: request.foundedOn ?? null,
        dissolvedOn: null,
        dissolveReason: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      em.persist(org);
      await completeIdempotency(em, 'party.organisation.create', key, id);
      recordEvent(em, OrganisationCreatedEvent, toView(org), { subject: id, time: now });
      return toView(org);
    });
  }
}
