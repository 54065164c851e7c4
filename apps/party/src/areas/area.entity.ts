import { AreaType } from '@gov/contracts-party';
import { defineEntity, p } from '@mikro-orm/core';

const AreaSchema = defineEntity({
  name: 'Area',
  tableName: 'area',
  properties: {
    id: p.uuid().primary(),
    code: p.string().length(32),
    name: p.string().length(100),
    type: p.enum(AreaType.options),
    parentId: p.uuid().nullable().index('area_parent_idx'),
    /** Materialised path of codes, `/310117/310117006/`; scope checks are prefix checks on it. */
    path: p.string().length(512).unique('area_path_unique'),
    depth: p.integer(),
    status: p.enum(['ACTIVE', 'CLOSED'] as const),
    closeReason: p.string().length(500).nullable(),
    version: p.integer().version(),
    createdAt: p.datetime().length(3),
    updatedAt: p.datetime().length(3),
    closedAt: p.datetime().length(3).nullable(),
  },
  uniques: [{ name: 'area_parent_code_unique', properties: ['parentId', 'code'], options: { nullsNotDistinct: true } }],
});

/** An administrative area: district → street/town → community/village → grid → micro-grid. */
export class Area extends AreaSchema.class {}
AreaSchema.setClass(Area);
