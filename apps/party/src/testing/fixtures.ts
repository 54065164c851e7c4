import type { Actor } from '@gov/contracts-core';
import { CreateAreaCommand, CreateOrganisationCommand, type Area, type AreaType, type Organisation, type OrganisationType } from '@gov/contracts-party';
import type { RpcClient } from '@gov/platform';
import { aDistrictOperator } from '@gov/testing';

/** Builders for the party slice's integration tests, through the real client. */
export function partyFixtures(client: RpcClient, actor: Actor = aDistrictOperator()) {
  let n = 0;
  const anArea = (type: AreaType, parent: Area | null, overrides: { code?: string; name?: string } = {}) =>
    client.request(
      CreateAreaCommand,
      { code: overrides.code ?? `A${++n}`, name: overrides.name ?? `区域${n}`, type, parentId: parent?.id ?? null },
      { actor },
    );
  const anOrganisation = (type: OrganisationType, area: Area, parent: Organisation | null, name?: string) =>
    client.request(
      CreateOrganisationCommand,
      { name: name ?? `党组织${++n}`, type, areaId: area.id, parentId: parent?.id ?? null },
      { actor },
    );
  /** Songjiang district → Fangsong street → a community → a grid. */
  async function aCommunityChain() {
    const district = await anArea('DISTRICT', null, { code: `310117-${++n}`, name: '松江区' });
    const street = await anArea('STREET', district, { code: '310117006', name: '方松街道' });
    const community = await anArea('COMMUNITY', street, { code: '310117006012', name: '蓝天二村居民区' });
    const grid = await anArea('GRID', community, { code: 'G01', name: '第一网格' });
    return { district, street, community, grid };
  }
  return { anArea, anOrganisation, aCommunityChain };
}
