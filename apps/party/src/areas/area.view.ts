import type { Area as AreaView } from '@gov/contracts-party';
import { DomainError, notFound, type EntityManager } from '@gov/platform';
import { Area } from './area.entity';

export function toView(area: Area): AreaView {
  return {
    id: area.id as AreaView['id'],
    code: area.code,
    name: area.name,
    type: area.type,
    parentId: (area.parentId ?? null) as AreaView['parentId'],
    path: area.path,
    depth: area.depth,
    status: area.status,
    version: area.version,
    createdAt: area.createdAt.toISOString(),
    updatedAt: area.updatedAt.toISOString(),
    closedAt: area.closedAt ? area.closedAt.toISOString() : null,
  };
}

export async function loadArea(em: EntityManager, id: string): Promise<Area> {
  const area = await em.findOne(Area, { id });
  if (!area) throw notFound('PARTY.AREA_NOT_FOUND', id);
  return area;
}

export function assertOpen(area: Area): void {
  if (area.status !== 'ACTIVE') throw new DomainError('PARTY.AREA_CLOSED', `area ${area.code} is closed`, { id: area.id });
}

export function assertVersion(actual: number, expected: number | undefined): void {
  if (expected !== undefined && expected !== actual) {
    throw new DomainError('CONFLICT', 'the record was changed since you read it', { expectedVersion: expected, version: actual });
  }
}
