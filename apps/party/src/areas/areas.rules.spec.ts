import type { AreaType } from '@gov/contracts-party';
import { areaFits, childPath, depthOf, isWithin, rebase } from './areas.rules';

describe('area placement rules', () => {
  const allowed: [AreaType, AreaType | null][] = [
    ['DISTRICT', null],
    ['STREET', 'DISTRICT'],
    ['TOWN', 'DISTRICT'],
    ['COMMUNITY', 'STREET'],
    ['COMMUNITY', 'TOWN'],
    ['VILLAGE', 'TOWN'],
    ['VILLAGE', 'STREET'],
    ['GRID', 'COMMUNITY'],
    ['GRID', 'VILLAGE'],
    ['MICRO_GRID', 'GRID'],
  ];
  const refused: [AreaType, AreaType | null][] = [
    ['DISTRICT', 'DISTRICT'],
    ['STREET', null],
    ['STREET', 'STREET'],
    ['COMMUNITY', 'DISTRICT'],
    ['COMMUNITY', null],
    ['GRID', 'STREET'],
    ['GRID', 'GRID'],
    ['MICRO_GRID', 'COMMUNITY'],
    ['MICRO_GRID', 'MICRO_GRID'],
  ];
  it.each(allowed)('%s may sit under %s', (type, parent) => expect(areaFits(type, parent)).toBe(true));
  it.each(refused)('%s may not sit under %s', (type, parent) => expect(areaFits(type, parent)).toBe(false));
});

describe('materialised paths', () => {
  it.each([
    [null, '310117', '/310117/', 0],
    ['/310117/', '310117006', '/310117/310117006/', 1],
    ['/310117/310117006/', 'C12', '/310117/310117006/C12/', 2],
  ])('under %s, code %s gives %s at depth %i', (parent, code, path, depth) => {
    expect(childPath(parent, code)).toBe(path);
    expect(depthOf(path)).toBe(depth);
  });

  it('treats a path as within itself and its ancestors only, not a sibling sharing a prefix of characters', () => {
    expect(isWithin('/31/3101/', '/31/')).toBe(true);
    expect(isWithin('/31/', '/31/')).toBe(true);
    expect(isWithin('/310/', '/31/')).toBe(false);
  });

  it('rebases a descendant onto a new root and refuses one outside the moved subtree', () => {
    expect(rebase('/1/A/C/G/', '/1/A/C/', '/1/B/C/')).toBe('/1/B/C/G/');
    expect(() => rebase('/1/X/', '/1/A/', '/1/B/')).toThrow();
  });
});
