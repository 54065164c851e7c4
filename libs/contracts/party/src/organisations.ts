import { AreaPath, brandedId, defineCommand, defineEvent, defineQuery, IdempotencyKey } from '@gov/contracts-core';
import { z } from 'zod';
import { AreaId } from './areas';

export const OrganisationId = brandedId('OrganisationId');
export type OrganisationId = z.infer<typeof OrganisationId>;

/** Node types of the party organisation tree (domain guide, party-organisation §3). */
export const OrganisationType = z.enum([
  'DISTRICT_COMMITTEE',
  'SUBDISTRICT_WORKING_COMMITTEE',
  'TOWN_COMMITTEE',
  'COMMUNITY_COMMITTEE',
  'GENERAL_BRANCH',
  'BRANCH',
  'GRID_BRANCH',
  'ESTATE_BRANCH',
  'OWNERS_COMMITTEE_BRANCH',
  'PROPERTY_COMPANY_BRANCH',
  'BLOCK_BRANCH',
  'JOINT_BRANCH',
  'TEMPORARY_BRANCH',
  'PARTY_GROUP',
  'HAMLET_GROUP',
  'CENTRAL_HOUSEHOLD',
]);
export type OrganisationType = z.infer<typeof OrganisationType>;

export const OrganisationStatus = z.enum(['ACTIVE', 'DISSOLVED']);

const OrganisationName = z.string().trim().min(1).max(100).describe('Name, e.g. 蓝天二村业委会党支部');
const Version = z.number().int().min(1).describe('Optimistic-lock version; send the one you read');

export const Secretary = z.object({
  name: z.string().trim().min(1).max(50).describe('Name of the secretary, e.g. 沈栋'),
  personId: z.string().max(64).optional().describe('Person id, once people are registered'),
});

export const Organisation = z.object({
  id: OrganisationId,
  name: z.string(),
  type: OrganisationType,
  parentId: OrganisationId.nullable(),
  areaId: AreaId,
  areaPath: AreaPath,
  secretary: Secretary.nullable(),
  status: OrganisationStatus,
  foundedOn: z.iso.date().nullable(),
  dissolvedOn: z.iso.date().nullable(),
  version: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Organisation = z.infer<typeof Organisation>;

export type OrganisationNode = Organisation & { children: OrganisationNode[] };
export const OrganisationNode: z.ZodType<OrganisationNode> = Organisation.extend({
  get children() {
    return z.array(OrganisationNode);
  },
});

const orgErrors = ['PARTY.ORGANISATION_NOT_FOUND', 'PARTY.ORGANISATION_DISSOLVED'] as const;

export const CreateOrganisationCommand = defineCommand({
  subject: 'party.organisation.create',
  description: 'Create a party organisation under a parent organisation (or as a root), attached to an area.',
  request: z.object({
    name: OrganisationName,
    type: OrganisationType,
    parentId: OrganisationId.nullable().default(null),
    areaId: AreaId,
    secretary: Secretary.optional(),
    foundedOn: z.iso.date().optional(),
    idempotencyKey: IdempotencyKey.optional(),
  }),
  response: Organisation,
  errors: [
    ...orgErrors,
    'PARTY.AREA_NOT_FOUND',
    'PARTY.AREA_CLOSED',
    'PARTY.ORGANISATION_NAME_TAKEN',
    'PARTY.ORGANISATION_TYPE_NOT_ALLOWED',
    'PARTY.ORGANISATION_OUTSIDE_PARENT_AREA',
    'PARTY.IDEMPOTENCY_KEY_REUSED',
  ],
});

export const RenameOrganisationCommand = defineCommand({
  subject: 'party.organisation.rename',
  description: 'Rename a party organisation.',
  request: z.object({ id: OrganisationId, name: OrganisationName, expectedVersion: Version.optional() }),
  response: Organisation,
  errors: [...orgErrors, 'PARTY.ORGANISATION_NAME_TAKEN'],
});

export const MoveOrganisationCommand = defineCommand({
  subject: 'party.organisation.move',
  description: 'Move a party organisation (with its subtree) under another parent.',
  request: z.object({ id: OrganisationId, parentId: OrganisationId, expectedVersion: Version.optional() }),
  response: Organisation,
  errors: [
    ...orgErrors,
    'PARTY.ORGANISATION_NAME_TAKEN',
    'PARTY.ORGANISATION_TYPE_NOT_ALLOWED',
    'PARTY.ORGANISATION_CYCLE',
    'PARTY.ORGANISATION_OUTSIDE_PARENT_AREA',
  ],
});

export const SetSecretaryCommand = defineCommand({
  subject: 'party.organisation.set-secretary',
  description: 'Set or clear the secretary of a party organisation.',
  request: z.object({ id: OrganisationId, secretary: Secretary.nullable(), expectedVersion: Version.optional() }),
  response: Organisation,
  errors: orgErrors,
});

export const CloseOrganisationCommand = defineCommand({
  subject: 'party.organisation.close',
  description: 'Dissolve a party organisation; refused while it has active children.',
  request: z.object({
    id: OrganisationId,
    reason: z.string().trim().min(1).max(500),
    dissolvedOn: z.iso.date().optional(),
    expectedVersion: Version.optional(),
  }),
  response: Organisation,
  errors: [...orgErrors, 'PARTY.ORGANISATION_HAS_ACTIVE_CHILDREN'],
});

export const GetOrganisationQuery = defineQuery({
  subject: 'party.organisation.get',
  description: 'One party organisation by id.',
  request: z.object({ id: OrganisationId }),
  response: Organisation,
  errors: ['PARTY.ORGANISATION_NOT_FOUND'],
});

export const GetOrganisationTreeQuery = defineQuery({
  subject: 'party.organisation.get-tree',
  description: 'A party organisation with all its descendants, nested.',
  request: z.object({ id: OrganisationId, includeDissolved: z.boolean().default(false) }),
  response: OrganisationNode,
  errors: ['PARTY.ORGANISATION_NOT_FOUND'],
});

export const OrganisationCreatedEvent = defineEvent({
  subject: 'evt.party.organisation.created.v1',
  description: 'A party organisation was created.',
  payload: Organisation,
});
export const OrganisationRenamedEvent = defineEvent({
  subject: 'evt.party.organisation.renamed.v1',
  description: 'A party organisation was renamed.',
  payload: Organisation.extend({ previousName: z.string() }),
});
export const OrganisationMovedEvent = defineEvent({
  subject: 'evt.party.organisation.moved.v1',
  description: 'A party organisation moved under another parent.',
  payload: Organisation.extend({ previousParentId: OrganisationId.nullable() }),
});
export const OrganisationSecretaryChangedEvent = defineEvent({
  subject: 'evt.party.organisation.secretary-changed.v1',
  description: 'The secretary of a party organisation changed.',
  payload: Organisation.extend({ previousSecretary: Secretary.nullable() }),
});
export const OrganisationClosedEvent = defineEvent({
  subject: 'evt.party.organisation.closed.v1',
  description: 'A party organisation was dissolved.',
  payload: Organisation.extend({ reason: z.string() }),
});
