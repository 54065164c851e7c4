import {
  CloseOrganisationCommand,
  GetOrganisationTreeQuery,
  MoveAreaCommand,
  MoveOrganisationCommand,
  OrganisationClosedEvent,
  OrganisationCreatedEvent,
  OrganisationMovedEvent,
  OrganisationSecretaryChangedEvent,
  GetOrganisationQuery,
  RenameOrganisationCommand,
  SetSecretaryCommand,
  CreateOrganisationCommand,
  CloseAreaCommand,
} from '@gov/contracts-party';
import { refusalCode as codeOf, aDistrictOperator, aGridWorker, aPartySecretary, bootService, type ServiceUnderTest } from '@gov/testing';
import { partyService } from '../service';
import { partyFixtures } from '../testing/fixtures';
import { Organisation } from './organisation.entity';

const operator = aDistrictOperator();

describe('party organisations (through NATS and PostgreSQL)', () => {
  let sut: ServiceUnderTest;
  let fx: ReturnType<typeof partyFixtures>;

  beforeAll(async () => {
    sut = await bootService(partyService);
    fx = partyFixtures(sut.client, operator);
  });
  afterAll(() => sut?.stop());

  it('builds committee → general branch → branch → group → central household and returns it as a tree', async () => {
    const { street, community, grid } = await fx.aCommunityChain();
    const committee = await sut.client.request(
      CreateOrganisationCommand,
      { name: '方松街道党工委', type: 'SUBDISTRICT_WORKING_COMMITTEE', areaId: street.id, secretary: { name: '王书记' } },
      { actor: operator },
    );
    const general = await fx.anOrganisation('GENERAL_BRANCH', community, committee, '蓝天二村党总支');
    const branch = await fx.anOrganisation('GRID_BRANCH', grid, general, '第一网格党支部');
    const group = await fx.anOrganisation('PARTY_GROUP', grid, branch, '171号楼党小组');
    const household = await fx.anOrganisation('CENTRAL_HOUSEHOLD', grid, group, '党员中心户（171号）');

    expect(committee.secretary).toEqual({ name: '王书记' });
    expect(branch).toMatchObject({ parentId: general.id, areaPath: grid.path, status: 'ACTIVE', version: 1 });
    const tree = await sut.client.request(GetOrganisationTreeQuery, { id: committee.id }, { actor: operator });
    expect(tree.children[0].id).toBe(general.id);
    expect(tree.children[0].children[0].children[0].children[0].id).toBe(household.id);

    const event = await sut.spy.waitFor(OrganisationCreatedEvent.subject, (e) => e.data.id === household.id);
    expect(event.data).toEqual(household);
  });

  it('refuses a type that does not fit, a duplicate sibling name and an area outside the parent area', async () => {
    const { street, community } = await fx.aCommunityChain();
    const other = await fx.anArea('COMMUNITY', street);
    const committee = await fx.anOrganisation('COMMUNITY_COMMITTEE', community, null);
    expect(await codeOf(fx.anOrganisation('CENTRAL_HOUSEHOLD', community, committee))).toBe('PARTY.ORGANISATION_TYPE_NOT_ALLOWED');
    expect(await codeOf(fx.anOrganisation('BRANCH', community, null))).toBe('PARTY.ORGANISATION_TYPE_NOT_ALLOWED');
    await fx.anOrganisation('BRANCH', community, committee, '第一支部');
    expect(await codeOf(fx.anOrganisation('BRANCH', community, committee, '第一支部'))).toBe('PARTY.ORGANISATION_NAME_TAKEN');
    expect(await codeOf(fx.anOrganisation('BRANCH', other, committee))).toBe('PARTY.ORGANISATION_OUTSIDE_PARENT_AREA');
    expect(await codeOf(fx.anOrganisation('BRANCH', community, { id: '00000000-0000-4000-8000-000000000001' } as never))).toBe(
      'PARTY.ORGANISATION_NOT_FOUND',
    );
  });

  it('renames, sets the secretary, moves, and dissolves only once the children are dissolved', async () => {
    const { community } = await fx.aCommunityChain();
    const committee = await fx.anOrganisation('COMMUNITY_COMMITTEE', community, null);
    const branchA = await fx.anOrganisation('GENERAL_BRANCH', community, committee);
    const branchB = await fx.anOrganisation('GENERAL_BRANCH', community, committee);
    const group = await fx.anOrganisation('BRANCH', community, branchA);

    const renamed = await sut.client.request(RenameOrganisationCommand, { id: group.id, name: '业委会党支部', expectedVersion: 1 }, { actor: operator });
    expect(renamed.name).toBe('业委会党支部');
    const withSecretary = await sut.client.request(SetSecretaryCommand, { id: group.id, secretary: { name: '蒋金龙' } }, { actor: operator });
    expect(withSecretary.secretary).toEqual({ name: '蒋金龙' });
    await sut.spy.waitFor(OrganisationSecretaryChangedEvent.subject, (e) => e.data.id === group.id);

    const moved = await sut.client.request(MoveOrganisationCommand, { id: group.id, parentId: branchB.id }, { actor: operator });
    expect(moved.parentId).toBe(branchB.id);
    expect((await sut.spy.waitFor(OrganisationMovedEvent.subject, (e) => e.data.id === group.id)).data.previousParentId).toBe(branchA.id);
    expect(await codeOf(sut.client.request(MoveOrganisationCommand, { id: committee.id, parentId: group.id }, { actor: operator }))).toBe(
      'PARTY.ORGANISATION_CYCLE',
    );

    expect(await codeOf(sut.client.request(CloseOrganisationCommand, { id: branchB.id, reason: '调整' }, { actor: operator }))).toBe(
      'PARTY.ORGANISATION_HAS_ACTIVE_CHILDREN',
    );
    await sut.client.request(CloseOrganisationCommand, { id: group.id, reason: '调整', dissolvedOn: '2026-11-01' }, { actor: operator });
    const closed = await sut.client.request(CloseOrganisationCommand, { id: branchB.id, reason: '调整' }, { actor: operator });
    expect(closed.status).toBe('DISSOLVED');
    await sut.spy.waitFor(OrganisationClosedEvent.subject, (e) => e.data.id === branchB.id);
    const tree = await sut.client.request(GetOrganisationTreeQuery, { id: committee.id }, { actor: operator });
    expect(tree.children.map((c) => c.id)).toEqual([branchA.id]);
    const full = await sut.client.request(GetOrganisationTreeQuery, { id: committee.id, includeDissolved: true }, { actor: operator });
    expect(full.children).toHaveLength(2);
  });

  it('keeps organisations on their area when the area moves, and blocks closing an area with active organisations', async () => {
    const { street, community, grid } = await fx.aCommunityChain();
    const district = { id: street.parentId } as never;
    const otherStreet = await fx.anArea('STREET', district);
    const branch = await fx.anOrganisation('COMMUNITY_COMMITTEE', grid, null);
    expect(await codeOf(sut.client.request(CloseAreaCommand, { id: grid.id, reason: '合并' }, { actor: operator }))).toBe(
      'PARTY.AREA_HAS_ACTIVE_ORGANISATIONS',
    );
    const moved = await sut.client.request(MoveAreaCommand, { id: community.id, parentId: otherStreet.id }, { actor: operator });
    const stored = await sut.em().findOneOrFail(Organisation, { id: branch.id });
    expect(stored.areaPath).toBe(`${moved.path}${grid.code}/`);
  });

  it('authorises by role and scope: a secretary inside the community, refused outside; a grid worker only reads', async () => {
    const { street, community } = await fx.aCommunityChain();
    const other = await fx.anArea('COMMUNITY', street);
    const otherCommittee = await fx.anOrganisation('COMMUNITY_COMMITTEE', other, null);
    const secretary = aPartySecretary(community.path);
    const mine = await sut.client.request(
      CreateOrganisationCommand,
      { name: '居民区党总支', type: 'GENERAL_BRANCH', areaId: community.id },
      { actor: secretary },
    );
    expect(mine.areaPath).toBe(community.path);
    expect(
      await codeOf(
        sut.client.request(CreateOrganisationCommand, { name: '越权', type: 'GENERAL_BRANCH', areaId: other.id }, { actor: secretary }),
      ),
    ).toBe('FORBIDDEN');
    expect(await codeOf(sut.client.request(GetOrganisationQuery, { id: otherCommittee.id }, { actor: secretary }))).toBe('FORBIDDEN');
    const worker = aGridWorker(community.path);
    expect((await sut.client.request(GetOrganisationQuery, { id: mine.id }, { actor: worker })).id).toBe(mine.id);
    expect(await codeOf(sut.client.request(RenameOrganisationCommand, { id: mine.id, name: 'x' }, { actor: worker }))).toBe('FORBIDDEN');
  });
});
