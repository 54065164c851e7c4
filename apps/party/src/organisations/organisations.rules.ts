import type { OrganisationType } from '@gov/contracts-party';

const BRANCHES = [
  'BRANCH',
  'GRID_BRANCH',
  'ESTATE_BRANCH',
  'OWNERS_COMMITTEE_BRANCH',
  'PROPERTY_COMPANY_BRANCH',
  'BLOCK_BRANCH',
  'JOINT_BRANCH',
  'TEMPORARY_BRANCH',
] as const satisfies readonly OrganisationType[];
const STREET_LEVEL = ['SUBDISTRICT_WORKING_COMMITTEE', 'TOWN_COMMITTEE'] as const satisfies readonly OrganisationType[];
const GROUPS = ['PARTY_GROUP', 'HAMLET_GROUP'] as const satisfies readonly OrganisationType[];

/**
 * Which parent types each organisation type may sit under; `null` means it may be a root (a deployment may
 * start its tree at district, street or community level). From the trees in the sources: A1 community →
 * estate branch → building group → central household; A3 five levels down to the central household; P2-L2
 * general branch → grid branches → party groups; P3-L4 general branch → grid branches → hamlet groups.
 */
export const ORGANISATION_PARENTS: Readonly<Record<OrganisationType, readonly (OrganisationType | null)[]>> = {
  DISTRICT_COMMITTEE: [null],
  SUBDISTRICT_WORKING_COMMITTEE: [null, 'DISTRICT_COMMITTEE'],
  TOWN_COMMITTEE: [null, 'DISTRICT_COMMITTEE'],
  COMMUNITY_COMMITTEE: [null, ...STREET_LEVEL],
  GENERAL_BRANCH: [null, ...STREET_LEVEL, 'COMMUNITY_COMMITTEE'],
  BRANCH: [...STREET_LEVEL, 'COMMUNITY_COMMITTEE', 'GENERAL_BRANCH'],
  GRID_BRANCH: ['COMMUNITY_COMMITTEE', 'GENERAL_BRANCH'],
  ESTATE_BRANCH: ['COMMUNITY_COMMITTEE', 'GENERAL_BRANCH'],
  OWNERS_COMMITTEE_BRANCH: ['COMMUNITY_COMMITTEE', 'GENERAL_BRANCH'],
  PROPERTY_COMPANY_BRANCH: ['COMMUNITY_COMMITTEE', 'GENERAL_BRANCH'],
  BLOCK_BRANCH: [...STREET_LEVEL, 'COMMUNITY_COMMITTEE', 'GENERAL_BRANCH'],
  JOINT_BRANCH: [...STREET_LEVEL, 'COMMUNITY_COMMITTEE', 'GENERAL_BRANCH'],
  TEMPORARY_BRANCH: [...STREET_LEVEL, 'COMMUNITY_COMMITTEE', 'GENERAL_BRANCH'],
  PARTY_GROUP: ['GENERAL_BRANCH', ...BRANCHES],
  HAMLET_GROUP: ['GENERAL_BRANCH', ...BRANCHES],
  CENTRAL_HOUSEHOLD: [...GROUPS, ...BRANCHES],
};

export function organisationFits(type: OrganisationType, parentType: OrganisationType | null): boolean {
  return ORGANISATION_PARENTS[type].includes(parentType);
}

export function organisationPath(parentPath: string | null, id: string): string {
  return `${parentPath ?? '/'}${id}/`;
}
