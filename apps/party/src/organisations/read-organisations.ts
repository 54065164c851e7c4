import type { Actor, RequestOf } from '@gov/contracts-core';
import type { GetOrganisationQuery, GetOrganisationTreeQuery } from '@gov/contracts-party';
import { EntityManager, notFound } from '@gov/platform';
import { Injectable } from '@nestjs/common';
import { assertMayRead, mayRead } from '../authorisation';
import { Organisation } from './organisation.entity';
import { loadOrganisation, nest, toView } from './organisation.view';

@Injectable()
export class GetOrganisation {
  constructor(private readonly em: EntityManager) {}

  async run(request: RequestOf<typeof GetOrganisationQuery>, actor: Actor) {
    const org = await loadOrganisation(this.em, request.id);
    assertMayRead(actor, org.areaPath);
    return toView(org);
  }
}

/** The subtree, nested; branches outside the caller's scope are pruned. */
@Injectable()
export class GetOrganisationTree {
  constructor(private readonly em: EntityManager) {}

  async run(request: RequestOf<typeof GetOrganisationTreeQuery>, actor: Actor) {
    const root = await loadOrganisation(this.em, request.id);
    assertMayRead(actor, root.areaPath);
    const rows = await this.em.find(
      Organisation,
      { path: { $like: `${root.path}%` }, ...(request.includeDissolved ? {} : { status: 'ACTIVE' as const }) },
      { orderBy: { path: 'asc' } },
    );
    const visible = rows.filter((row) => row.id === root.id || mayRead(actor, row.areaPath));
    const tree = nest(visible.some((row) => row.id === root.id) ? visible : [root, ...visible], root.id);
    if (!tree) throw notFound('PARTY.ORGANISATION_NOT_FOUND', request.id);
    return tree;
  }
}
