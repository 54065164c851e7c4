import { defineCommand, defineQuery } from '@gov/contracts-core';
import { z } from 'zod';
import { ResponseLevel } from './tickets';

const DistrictCode = z.string().regex(/^[A-Za-z0-9-]{1,32}$/).describe('The district code, the first segment of area paths');
export const CategoryCode = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/).describe('e.g. LEAK, PARKING, GROUP_RENTAL');

/** An attribute a category asks for, as in an Open311 service definition. */
export const CategoryAttribute = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
  description: z.string().trim().min(1).max(200).describe('The question, e.g. 漏水位置'),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean().default(false),
  order: z.number().int().min(0).default(0),
  values: z
    .array(z.object({ key: z.string().min(1).max(64), name: z.string().min(1).max(100) }))
    .max(100)
    .optional()
    .describe('The choices of a (single|multi)valuelist'),
});
export type CategoryAttribute = z.infer<typeof CategoryAttribute>;

export const Category = z.object({
  districtCode: DistrictCode,
  code: CategoryCode,
  name: z.string(),
  description: z.string(),
  group: z.string(),
  keywords: z.array(z.string()),
  defaultLevel: ResponseLevel,
  attributes: z.array(CategoryAttribute),
  revisitWithinDays: z.number().int().nullable().describe('A revisit is due this many days after resolution (disputes: 30)'),
  active: z.boolean(),
  version: z.number().int(),
});
export type Category = z.infer<typeof Category>;

/** Values of a ticket's category attributes, by attribute code. */
export const AttributeValues = z.record(z.string().max(64), z.union([z.string().max(2_000), z.number(), z.array(z.string().max(64)).max(100)]));

export const DefineCategoryCommand = defineCommand({
  subject: 'tickets.category.define',
  description: "Add or change a category in a district's service catalogue.",
  request: z
    .object({
      districtCode: DistrictCode,
      code: CategoryCode,
      name: z.string().trim().min(1).max(100).describe('e.g. 楼道漏水'),
      description: z.string().trim().max(500).default(''),
      group: z.string().trim().min(1).max(100).describe('e.g. 物业维修'),
      keywords: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
      defaultLevel: ResponseLevel,
      attributes: z.array(CategoryAttribute).max(30).default([]),
      revisitWithinDays: z.number().int().min(1).max(90).nullable().default(null),
      active: z.boolean().default(true),
    })
    .refine((c) => c.attributes.every((a) => !a.datatype.endsWith('valuelist') || (a.values?.length ?? 0) > 0), {
      message: 'a list attribute needs values',
      path: ['attributes'],
    })
    .refine((c) => new Set(c.attributes.map((a) => a.code)).size === c.attributes.length, {
      message: 'attribute codes must be unique',
      path: ['attributes'],
    }),
  response: Category,
});

export const ListCategoriesQuery = defineQuery({
  subject: 'tickets.category.list',
  description: "A district's service catalogue (active categories unless asked).",
  request: z.object({ districtCode: DistrictCode, includeInactive: z.boolean().default(false) }),
  response: z.object({ items: z.array(Category) }),
});

export const GetCategoryQuery = defineQuery({
  subject: 'tickets.category.get',
  description: 'One category of a district.',
  request: z.object({ districtCode: DistrictCode, code: CategoryCode }),
  response: Category,
  errors: ['TICKETS.UNKNOWN_CATEGORY'],
});
