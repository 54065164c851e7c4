import type { Actor } from '@gov/contracts-core';
import { CreateAreaCommand, CreateOrganisationCommand, type Area, type AreaType, type Organisation, type OrganisationType } from '@gov/contracts-party';
import type { RpcClient } from '@gov/platform';

/**
 * Demo areas and party organisations with real names from the sources (Songjiang district, its streets and
 * towns, Lantian Ercun, Jindi Yijing, Tingnan…). The codes are illustrative, not official division codes.
 * Every create carries an idempotency key, so loading twice changes nothing.
 */
interface AreaSeed {
  code: string;
  name: string;
  type: AreaType;
  children?: AreaSeed[];
}

const songjiang: AreaSeed = {
  code: '310117',
  name: '松江区',
  type: 'DISTRICT',
  children: [
    {
      code: '310117001',
      name: '中山街道',
      type: 'STREET',
      children: [
        {
          code: '310117001001',
          name: '蓝天二村居民区',
          type: 'COMMUNITY',
          children: [
            { code: 'G01', name: '蓝天二村第一网格', type: 'GRID' },
            { code: 'G02', name: '蓝天二村第二网格', type: 'GRID' },
          ],
        },
      ],
    },
    { code: '310117002', name: '永丰街道', type: 'STREET', children: [{ code: '310117002001', name: '金地艺境居民区', type: 'COMMUNITY' }] },
    { code: '310117003', name: '方松街道', type: 'STREET', children: [{ code: '310117003001', name: '湖畔天地居民区', type: 'COMMUNITY' }] },
    { code: '310117004', name: '岳阳街道', type: 'STREET', children: [{ code: '310117004001', name: '高乐居民区', type: 'COMMUNITY' }] },
    { code: '310117005', name: '九里亭街道', type: 'STREET', children: [{ code: '310117005001', name: '奥园居民区', type: 'COMMUNITY' }] },
    { code: '310117101', name: '九亭镇', type: 'TOWN', children: [{ code: '310117101001', name: '亭南居民区', type: 'COMMUNITY' }] },
    {
      code: '310117102',
      name: '泖港镇',
      type: 'TOWN',
      children: [
        { code: '310117102201', name: '黄桥村', type: 'VILLAGE', children: [{ code: 'G01', name: '黄桥村第一网格', type: 'GRID' }] },
      ],
    },
    { code: '310117103', name: '洞泾镇', type: 'TOWN', children: [{ code: '310117103001', name: '砖桥居民区', type: 'COMMUNITY' }] },
  ],
};

interface OrgSeed {
  name: string;
  type: OrganisationType;
  /** Area path relative to the district, e.g. '310117001/310117001001'. */
  at: string;
  secretary?: string;
  children?: OrgSeed[];
}

const organisations: OrgSeed = {
  name: '中共上海市松江区委员会',
  type: 'DISTRICT_COMMITTEE',
  at: '',
  children: [
    {
      name: '中山街道党工委',
      type: 'SUBDISTRICT_WORKING_COMMITTEE',
      at: '310117001',
      children: [
        {
          name: '蓝天二村党总支',
          type: 'GENERAL_BRANCH',
          at: '310117001/310117001001',
          secretary: '沈东',
          children: [
            { name: '蓝天二村业委会党支部', type: 'OWNERS_COMMITTEE_BRANCH', at: '310117001/310117001001', secretary: '蒋金龙' },
            {
              name: '蓝天二村第一网格党支部',
              type: 'GRID_BRANCH',
              at: '310117001/310117001001/G01',
              children: [{ name: '171号楼党小组', type: 'PARTY_GROUP', at: '310117001/310117001001/G01' }],
            },
          ],
        },
      ],
    },
    {
      name: '永丰街道党工委',
      type: 'SUBDISTRICT_WORKING_COMMITTEE',
      at: '310117002',
      children: [{ name: '金地艺境居民区党总支', type: 'GENERAL_BRANCH', at: '310117002/310117002001' }],
    },
    {
      name: '九亭镇党委',
      type: 'TOWN_COMMITTEE',
      at: '310117101',
      children: [{ name: '亭南居民区党总支', type: 'GENERAL_BRANCH', at: '310117101/310117101001' }],
    },
    {
      name: '泖港镇党委',
      type: 'TOWN_COMMITTEE',
      at: '310117102',
      children: [
        {
          name: '黄桥村党总支',
          type: 'GENERAL_BRANCH',
          at: '310117102/310117102201',
          children: [{ name: '黄桥村第一网格党支部', type: 'GRID_BRANCH', at: '310117102/310117102201/G01' }],
        },
      ],
    },
  ],
};

export async function loadDemoData(client: RpcClient, actor: Actor) {
  const byPath = new Map<string, Area>();
  const createArea = async (seed: AreaSeed, parent: Area | null) => {
    const area = await client.request(
      CreateAreaCommand,
      { code: seed.code, name: seed.name, type: seed.type, parentId: parent?.id ?? null, idempotencyKey: `demo-area:${(parent?.path ?? '/').replaceAll('/', '.')}${seed.code}` },
      { actor },
    );
    byPath.set(area.path, area);
    for (const child of seed.children ?? []) await createArea(child, area);
  };
  await createArea(songjiang, null);

  let count = 0;
  const createOrg = async (seed: OrgSeed, parent: Organisation | null) => {
    const area = byPath.get(`/310117/${seed.at ? `${seed.at}/` : ''}`);
    if (!area) throw new Error(`demo data: no area at ${seed.at}`);
    const org = await client.request(
      CreateOrganisationCommand,
      {
        name: seed.name,
        type: seed.type,
        areaId: area.id,
        parentId: parent?.id ?? null,
        ...(seed.secretary ? { secretary: { name: seed.secretary } } : {}),
        idempotencyKey: `demo-org:${seed.at.replaceAll('/', '.')}:${seed.type}:${count++}`,
      },
      { actor },
    );
    for (const child of seed.children ?? []) await createOrg(child, org);
    return org;
  };
  const root = await createOrg(organisations, null);
  return { areas: byPath.size, district: byPath.get('/310117/')!, rootOrganisation: root };
}
