import type { Organisation as OrganisationView, OrganisationNode } from '@gov/contracts-party';
import { DomainError, notFound, type EntityManager } from '@gov/platform';
import { Organisation } from './organisation.entity';

export function toView(org: Organisation): OrganisationView {
  return {
    id: org.id as OrganisationView['id'],
    name: org.name,
    type: org.type,
    parentId: (org.parentId ?? null) as OrganisationView['parentId'],
    areaId: org.areaId as OrganisationView['areaId'],
    areaPath: org.areaPath,
    secretary: org.secretaryName
      ? { name: org.secretaryName, ...(org.secretaryPersonId ? { personId: org.secretaryPersonId } : {}) }
      : null,
    status: org.status,
    foundedOn: org.foundedOn ?? null,
    dissolvedOn: org.dissolvedOn ?? null,
    version: org.version,
    createdAt: org.createdAt.toISOString(),
    updatedAt: org.updatedAt.toISOString(),
  };
}

/** Nests a subtree given in path order; nodes whose parent was filtered out are dropped with their subtree. */
export function nest(rows: Organisation[], rootId: string): OrganisationNode | null {
  const nodes = new Map<string, OrganisationNode>();
  let root: OrganisationNode | null = null;
  for (const row of rows) {
    const node: OrganisationNode = { ...toView(row), children: [] };
    if (row.id === rootId) root = node;
    else {
      const parent = row.parentId ? nodes.get(row.parentId) : undefined;
      if (!parent) continue;
      parent.children.push(node);
    }
    nodes.set(row.id, node);
  }
  return root;
}

export async function loadOrganisation(em: EntityManager, id: string): Promise<Organisation> {
  const org = await em.findOne(Organisation, { id });
  if (!org) throw notFound('PARTY.ORGANISATION_NOT_FOUND', id);
  return org;
}

export function assertActive(org: Organisation): void {
  if (org.status !== 'ACTIVE') {
    throw new DomainError('PARTY.ORGANISATION_DISSOLVED', `${org.name} is dissolved`, { id: org.id });
  }
}

export async function assertNameFree(em: EntityManager, parentId: string | null, name: string, exceptId?: string) {
  const clash = await em.findOne(Organisation, {
    parentId,
    name,
    status: 'ACTIVE',
    ...(exceptId ? { id: { $ne: exceptId } } : {}),
  });
  if (clash) {
    throw new DomainError('PARTY.ORGANISATION_NAME_TAKEN', `${name} already exists under this parent`, { name });
  }
}
