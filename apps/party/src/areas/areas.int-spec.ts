import {
  AreaClosedEvent,
  AreaCreatedEvent,
  AreaMovedEvent,
  AreaRenamedEvent,
  CloseAreaCommand,
  CreateAreaCommand,
  GetAreaQuery,
  ListAreaSubtreeQuery,
  MoveAreaCommand,
  RenameAreaCommand,
} from '@gov/contracts-party';
import { refusalOf as refusal, aDistrictOperator, aGridWorker, aPartySecretary, aResident, bootService, type ServiceUnderTest } from '@gov/testing';
import { partyService } from '../service';
import { partyFixtures } from '../testing/fixtures';
import { Area } from './area.entity';

const operator = aDistrictOperator();

describe('party areas (through NATS and PostgreSQL)', () => {
  let sut: ServiceUnderTest;
  let fx: ReturnType<typeof partyFixtures>;

  beforeAll(async () => {
    sut = await bootService(partyService);
    fx = partyFixtures(sut.client, operator);
  });
  afterAll(() => sut?.stop());
  beforeEach(() => sut.spy.clear());

  it('creates an area: the reply, the stored row and the created event agree', async () => {
    const district = await sut.client.request(
      CreateAreaCommand,
      { code: '310117', name: '松江区', type: 'DISTRICT' },
      { actor: operator, correlationId: 'corr-create-1' },
    );
    expect(district).toMatchObject({ code: '310117', name: '松江区', type: 'DISTRICT', parentId: null, path: '/310117/', depth: 0, status: 'ACTIVE', version: 1 });

    const stored = await sut.em().findOneOrFail(Area, { id: district.id });
    expect(stored.path).toBe('/310117/');

    const event = await sut.spy.waitFor(AreaCreatedEvent.subject, (e) => e.data.id === district.id);
    expect(event.data).toEqual(district);
    expect(event.headers['ce-type']).toBe(AreaCreatedEvent.subject);
    expect(event.headers['ce-source']).toBe('/gov/party');
    expect(event.headers['ce-subject']).toBe(district.id);
    expect(event.headers['ce-specversion']).toBe('1.0');
    expect(event.headers['x-correlation-id']).toBe('corr-create-1');
  });

  it('builds the chain district → street → community → grid → micro-grid with materialised paths', async () => {
    const { district, street, community, grid } = await fx.aCommunityChain();
    const micro = await fx.anArea('MICRO_GRID', grid, { code: 'M1' });
    expect(street.path).toBe(`${district.path}310117006/`);
    expect(grid.path).toBe(`${district.path}310117006/310117006012/G01/`);
    expect(community.depth).toBe(2);
    expect(micro.path).toBe(`${grid.path}M1/`);
    expect(micro.depth).toBe(4);
  });

  it('refuses a type that does not fit under its parent, and a code taken under the same parent', async () => {
    const district = await fx.anArea('DISTRICT', null);
    expect((await refusal(fx.anArea('GRID', district))).code).toBe('PARTY.AREA_TYPE_NOT_ALLOWED');
    expect((await refusal(fx.anArea('STREET', null))).code).toBe('PARTY.AREA_TYPE_NOT_ALLOWED');
    await fx.anArea('STREET', district, { code: 'S1' });
    expect((await refusal(fx.anArea('TOWN', district, { code: 'S1' }))).code).toBe('PARTY.AREA_CODE_TAKEN');
    expect((await refusal(fx.anArea('DISTRICT', null, { code: district.code }))).code).toBe('PARTY.AREA_CODE_TAKEN');
  });

  it('answers bad input with VALIDATION_FAILED naming the field, and stores nothing', async () => {
    const before = await sut.em().count(Area);
    const error = await refusal(
      sut.client.request(CreateAreaCommand, { code: 'bad code!', name: '', type: 'DISTRICT' }, { actor: operator }),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues?.map((issue) => issue.path).sort()).toEqual(['code', 'name']);
    expect(await sut.em().count(Area)).toBe(before);
  });

  it('the service itself rejects a payload that bypasses the client-side check', async () => {
    const reply = await sut.nc.request(
      `${sut.prefix}${CreateAreaCommand.subject}`,
      JSON.stringify({ pattern: CreateAreaCommand.subject, id: 'x', data: { code: 42, type: 'NOPE' } }),
      { timeout: 5_000, headers: undefined },
    );
    const body = reply.json<{ err: { code: string; issues: { path: string }[] } }>();
    expect(body.err.code).toBe('VALIDATION_FAILED');
    expect(body.err.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['code', 'name', 'type']));
  });

  it('is idempotent by key: the same key returns the same area, a different request with it is refused', async () => {
    const district = await fx.anArea('DISTRICT', null);
    const request = { code: 'IDEM1', name: '岳阳街道', type: 'STREET' as const, parentId: district.id, idempotencyKey: 'create-idem-0001' };
    const [first, second] = await Promise.all([
      sut.client.request(CreateAreaCommand, request, { actor: operator }),
      sut.client.request(CreateAreaCommand, request, { actor: operator }),
    ]);
    expect(second.id).toBe(first.id);
    expect(await sut.em().count(Area, { parentId: district.id, code: 'IDEM1' })).toBe(1);
    const reused = await refusal(sut.client.request(CreateAreaCommand, { ...request, name: '别的名字' }, { actor: operator }));
    expect(reused.code).toBe('PARTY.IDEMPOTENCY_KEY_REUSED');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sut.spy.of(AreaCreatedEvent.subject, (e) => e.data.code === 'IDEM1')).toHaveLength(1);
  });

  it('renames with optimistic locking: a stale version gets CONFLICT', async () => {
    const district = await fx.anArea('DISTRICT', null);
    const renamed = await sut.client.request(RenameAreaCommand, { id: district.id, name: '新名字', expectedVersion: 1 }, { actor: operator });
    expect(renamed).toMatchObject({ name: '新名字', version: 2 });
    const stale = await refusal(sut.client.request(RenameAreaCommand, { id: district.id, name: '再改', expectedVersion: 1 }, { actor: operator }));
    expect(stale.code).toBe('CONFLICT');
    const event = await sut.spy.waitFor(AreaRenamedEvent.subject, (e) => e.data.id === district.id);
    expect(event.data.previousName).toBe(district.name);
  });

  it('moves a subtree: every descendant path follows; moving under itself is a cycle', async () => {
    const district = await fx.anArea('DISTRICT', null);
    const streetA = await fx.anArea('STREET', district, { code: 'SA' });
    const streetB = await fx.anArea('STREET', district, { code: 'SB' });
    const community = await fx.anArea('COMMUNITY', streetA, { code: 'C1' });
    const grid = await fx.anArea('GRID', community, { code: 'G1' });

    const moved = await sut.client.request(MoveAreaCommand, { id: community.id, parentId: streetB.id }, { actor: operator });
    expect(moved.path).toBe(`${streetB.path}C1/`);
    const gridNow = await sut.client.request(GetAreaQuery, { id: grid.id }, { actor: operator });
    expect(gridNow.path).toBe(`${streetB.path}C1/G1/`);
    const event = await sut.spy.waitFor(AreaMovedEvent.subject, (e) => e.data.id === community.id);
    expect(event.data).toMatchObject({ previousPath: `${streetA.path}C1/`, previousParentId: streetA.id, path: moved.path });

    expect((await refusal(sut.client.request(MoveAreaCommand, { id: community.id, parentId: grid.id }, { actor: operator }))).code).toBe(
      'PARTY.AREA_CYCLE',
    );
    expect((await refusal(sut.client.request(MoveAreaCommand, { id: grid.id, parentId: district.id }, { actor: operator }))).code).toBe(
      'PARTY.AREA_TYPE_NOT_ALLOWED',
    );
  });

  it('closes an area only once its children are closed', async () => {
    const { community, grid } = await fx.aCommunityChain();
    const refused = await refusal(sut.client.request(CloseAreaCommand, { id: community.id, reason: '撤并' }, { actor: operator }));
    expect(refused.code).toBe('PARTY.AREA_HAS_OPEN_CHILDREN');
    await sut.client.request(CloseAreaCommand, { id: grid.id, reason: '多格合一' }, { actor: operator });
    const closed = await sut.client.request(CloseAreaCommand, { id: community.id, reason: '撤并' }, { actor: operator });
    expect(closed.status).toBe('CLOSED');
    expect((await sut.spy.waitFor(AreaClosedEvent.subject, (e) => e.data.id === community.id)).data.reason).toBe('撤并');
    expect((await refusal(fx.anArea('GRID', closed))).code).toBe('PARTY.AREA_CLOSED');
  });

  it('lists a subtree in path order, a page at a time', async () => {
    const district = await fx.anArea('DISTRICT', null);
    const street = await fx.anArea('STREET', district, { code: 'L1' });
    await fx.anArea('COMMUNITY', street, { code: 'L1A' });
    await fx.anArea('COMMUNITY', street, { code: 'L1B' });
    const first = await sut.client.request(ListAreaSubtreeQuery, { id: district.id, limit: 2 }, { actor: operator });
    expect(first.items.map((a) => a.code)).toEqual([district.code, 'L1']);
    const second = await sut.client.request(ListAreaSubtreeQuery, { id: district.id, limit: 2, cursor: first.nextCursor! }, { actor: operator });
    expect(second.items.map((a) => a.code)).toEqual(['L1A', 'L1B']);
    expect(second.nextCursor).toBeNull();
  });

  it('answers an unknown id with PARTY.AREA_NOT_FOUND', async () => {
    const error = await refusal(sut.client.request(GetAreaQuery, { id: '00000000-0000-4000-8000-000000000000' }, { actor: operator }));
    expect(error.code).toBe('PARTY.AREA_NOT_FOUND');
  });

  describe('authorisation by role and scope', () => {
    it('lets a party secretary manage within the community and refuses outside it', async () => {
      const district = await fx.anArea('DISTRICT', null);
      const street = await fx.anArea('STREET', district);
      const mine = await fx.anArea('COMMUNITY', street);
      const other = await fx.anArea('COMMUNITY', street);
      const secretary = aPartySecretary(mine.path);
      const grid = await sut.client.request(CreateAreaCommand, { code: 'SG1', name: '网格', type: 'GRID', parentId: mine.id }, { actor: secretary });
      expect(grid.path).toBe(`${mine.path}SG1/`);
      const outside = await refusal(
        sut.client.request(CreateAreaCommand, { code: 'SG2', name: '网格', type: 'GRID', parentId: other.id }, { actor: secretary }),
      );
      expect(outside.code).toBe('FORBIDDEN');
      expect((await refusal(sut.client.request(GetAreaQuery, { id: other.id }, { actor: secretary }))).code).toBe('FORBIDDEN');
      // The chain above one's own area is readable.
      expect((await sut.client.request(GetAreaQuery, { id: street.id }, { actor: secretary })).id).toBe(street.id);
    });

    it('refuses changes by roles that do not manage areas, even inside their scope', async () => {
      const district = await fx.anArea('DISTRICT', null);
      for (const actor of [aGridWorker(district.path), aResident(district.path)]) {
        const error = await refusal(sut.client.request(RenameAreaCommand, { id: district.id, name: '改名' }, { actor }));
        expect(error.code).toBe('FORBIDDEN');
      }
      expect((await sut.client.request(GetAreaQuery, { id: district.id }, { actor: aResident(district.path) })).id).toBe(district.id);
    });

    it('refuses a request without an actor', async () => {
      const district = await fx.anArea('DISTRICT', null);
      expect((await refusal(sut.client.request(GetAreaQuery, { id: district.id }))).code).toBe('FORBIDDEN');
    });
  });
});
