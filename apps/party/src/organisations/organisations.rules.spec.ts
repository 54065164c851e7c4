import { OrganisationType } from '@gov/contracts-party';
import { ORGANISATION_PARENTS, organisationFits, organisationPath } from './organisations.rules';

describe('organisation placement rules', () => {
  it.each([
    ['DISTRICT_COMMITTEE', null],
    ['SUBDISTRICT_WORKING_COMMITTEE', 'DISTRICT_COMMITTEE'],
    ['COMMUNITY_COMMITTEE', 'SUBDISTRICT_WORKING_COMMITTEE'],
    ['COMMUNITY_COMMITTEE', null],
    ['GENERAL_BRANCH', 'COMMUNITY_COMMITTEE'],
    ['GRID_BRANCH', 'GENERAL_BRANCH'],
    ['OWNERS_COMMITTEE_BRANCH', 'GENERAL_BRANCH'],
    ['TEMPORARY_BRANCH', 'COMMUNITY_COMMITTEE'],
    ['PARTY_GROUP', 'GRID_BRANCH'],
    ['HAMLET_GROUP', 'GRID_BRANCH'],
    ['CENTRAL_HOUSEHOLD', 'PARTY_GROUP'],
    ['CENTRAL_HOUSEHOLD', 'ESTATE_BRANCH'],
  ] as const)('%s may sit under %s', (type, parent) => expect(organisationFits(type, parent)).toBe(true));

  it.each([
    ['DISTRICT_COMMITTEE', 'COMMUNITY_COMMITTEE'],
    ['BRANCH', null],
    ['PARTY_GROUP', 'COMMUNITY_COMMITTEE'],
    ['CENTRAL_HOUSEHOLD', 'COMMUNITY_COMMITTEE'],
    ['CENTRAL_HOUSEHOLD', 'CENTRAL_HOUSEHOLD'],
    ['COMMUNITY_COMMITTEE', 'GENERAL_BRANCH'],
    ['GRID_BRANCH', 'PARTY_GROUP'],
  ] as const)('%s may not sit under %s', (type, parent) => expect(organisationFits(type, parent)).toBe(false));

  it('names a rule for every organisation type, and no type may sit under itself', () => {
    for (const type of OrganisationType.options) {
      expect(ORGANISATION_PARENTS[type].length).toBeGreaterThan(0);
      expect(organisationFits(type, type)).toBe(false);
    }
  });

  it('builds the id path from the parent', () => {
    expect(organisationPath(null, 'a')).toBe('/a/');
    expect(organisationPath('/a/', 'b')).toBe('/a/b/');
  });
});
