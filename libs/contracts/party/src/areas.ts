import { AreaPath, brandedId, defineCommand, defineEvent, defineQuery, IdempotencyKey, page } from '@gov/contracts-core';
import { z } from 'zod';

export const AreaId = brandedId('AreaId');
export type AreaId = z.infer<typeof AreaId>;

/** district 区 → street 街道 / town 镇 → community 社区(居民区) / village 村 → grid 网格 → micro-grid 微网格 */
export const AreaType = z.enum(['DISTRICT', 'STREET', 'TOWN', 'COMMUNITY', 'VILLAGE', 'GRID', 'MICRO_GRID']);
export type AreaType = z.infer<typeof AreaType>;

export const AreaStatus = z.enum(['ACTIVE', 'CLOSED']);

export const AreaCode = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and dashes only')
  .describe('Code unique under the parent, e.g. the statistical division code 310117006');
const AreaName = z.string().trim().min(1).max(100).describe('Name, e.g. 方松街道');
const Version = z.number().int().min(1).describe('Optimistic-lock version; send the one you read');

export const Area = z.object({
  id: AreaId,
  code: AreaCode,
  name: z.string(),
  type: AreaType,
  parentId: AreaId.nullable(),
  path: AreaPath,
  depth: z.number().int().min(0),
  status: AreaStatus,
  version: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  closedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type Area = z.infer<typeof Area>;

const areaErrors = ['PARTY.AREA_NOT_FOUND', 'PARTY.AREA_CLOSED'] as const;

export const CreateAreaCommand = defineCommand({
  subject: 'party.area.create',
  description: 'Create an administrative area under a parent (a district has none).',
  request: z.object({
    code: AreaCode,
    name: AreaName,
    type: AreaType,
    parentId: AreaId.nullable().default(null),
    idempotencyKey: IdempotencyKey.optional(),
  }),
  response: Area,
  errors: [...areaErrors, 'PARTY.AREA_CODE_TAKEN', 'PARTY.AREA_TYPE_NOT_ALLOWED', 'PARTY.IDEMPOTENCY_KEY_REUSED'],
});

export const RenameAreaCommand = defineCommand({
  subject: 'party.area.rename',
  description: 'Rename an area; its code and path stay.',
  request: z.object({ id: AreaId, name: AreaName, expectedVersion: Version.optional() }),
  response: Area,
  errors: areaErrors,
});

export const MoveAreaCommand = defineCommand({
  subject: 'party.area.move',
  description: 'Move an area under another parent; the paths of its whole subtree follow.',
  request: z.object({ id: AreaId, parentId: AreaId, expectedVersion: Version.optional() }),
  response: Area,
  errors: [...areaErrors, 'PARTY.AREA_CODE_TAKEN', 'PARTY.AREA_TYPE_NOT_ALLOWED', 'PARTY.AREA_CYCLE'],
});

export const CloseAreaCommand = defineCommand({
  subject: 'party.area.close',
  description: 'Close an area; refused while it has open children or active organisations.',
  request: z.object({
    id: AreaId,
    reason: z.string().trim().min(1).max(500).describe('Why it closes (e.g. 多格合一)'),
    expectedVersion: Version.optional(),
  }),
  response: Area,
  errors: [...areaErrors, 'PARTY.AREA_HAS_OPEN_CHILDREN', 'PARTY.AREA_HAS_ACTIVE_ORGANISATIONS'],
});

export const GetAreaQuery = defineQuery({
  subject: 'party.area.get',
  description: 'One area by id.',
  request: z.object({ id: AreaId }),
  response: Area,
  errors: ['PARTY.AREA_NOT_FOUND'],
});

export const ListAreaSubtreeQuery = defineQuery({
  subject: 'party.area.list-subtree',
  description: 'An area and everything below it, ordered by path, a page at a time.',
  request: z.object({
    id: AreaId,
    includeClosed: z.boolean().default(false),
    types: z.array(AreaType).max(7).optional().describe('Only these types'),
    limit: z.number().int().min(1).max(500).default(100),
    cursor: z.string().max(600).optional(),
  }),
  response: page(Area),
  errors: ['PARTY.AREA_NOT_FOUND'],
});

export const AreaCreatedEvent = defineEvent({
  subject: 'evt.party.area.created.v1',
  description: 'An area was created.',
  payload: Area,
});
export const AreaRenamedEvent = defineEvent({
  subject: 'evt.party.area.renamed.v1',
  description: 'An area was renamed.',
  payload: Area.extend({ previousName: z.string() }),
});
export const AreaMovedEvent = defineEvent({
  subject: 'evt.party.area.moved.v1',
  description: 'An area moved; every path that started with previousPath now starts with path.',
  payload: Area.extend({ previousParentId: AreaId.nullable(), previousPath: AreaPath }),
});
export const AreaClosedEvent = defineEvent({
  subject: 'evt.party.area.closed.v1',
  description: 'An area was closed.',
  payload: Area.extend({ reason: z.string() }),
});
