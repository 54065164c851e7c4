import type { AreaType } from '@gov/contracts-party';

/** Which parent types each area type may sit under; `null` means it may be a root. */
export const AREA_PARENTS: Readonly<Record<AreaType, readonly (AreaType | null)[]>> = {
  DISTRICT: [null],
  STREET: ['DISTRICT'],
  TOWN: ['DISTRICT'],
  COMMUNITY: ['STREET', 'TOWN'],
  VILLAGE: ['TOWN', 'STREET'],
  GRID: ['COMMUNITY', 'VILLAGE'],
  MICRO_GRID: ['GRID'],
};

export function areaFits(type: AreaType, parentType: AreaType | null): boolean {
  return AREA_PARENTS[type].includes(parentType);
}

/** The path of a child: its parent's path plus its own code. */
export function childPath(parentPath: string | null, code: string): string {
  return `${parentPath ?? '/'}${code}/`;
}

/** True when `path` is `ancestor` itself or lies below it. */
export function isWithin(path: string, ancestor: string): boolean {
  return path.startsWith(ancestor);
}

/** The path a descendant gets when its subtree moves from `oldRoot` to `newRoot`. */
export function rebase(path: string, oldRoot: string, newRoot: string): string {
  if (!isWithin(path, oldRoot)) throw new Error(`${path} is not within ${oldRoot}`);
  return newRoot + path.slice(oldRoot.length);
}

export function depthOf(path: string): number {
  return path.split('/').length - 3;
}
