import { ResponseLevel, type CategoryAttribute } from '@gov/contracts-tickets';
import { defineEntity, p } from '@mikro-orm/core';

const CategorySchema = defineEntity({
  name: 'Category',
  tableName: 'category',
  properties: {
    districtCode: p.string().length(32).primary(),
    code: p.string().length(64).primary(),
    name: p.string().length(100),
    description: p.string().length(500),
    group: p.string().length(100),
    keywords: p.json<string[]>(),
    defaultLevel: p.enum(ResponseLevel.options),
    attributes: p.json<CategoryAttribute[]>(),
    revisitWithinDays: p.integer().nullable(),
    active: p.boolean(),
    version: p.integer().version(),
    updatedAt: p.datetime().length(3),
  },
});

/** A category of a district's service catalogue (an Open311 service). */
export class Category extends CategorySchema.class {}
CategorySchema.setClass(Category);
