import { CreateAreaCommand, CreateOrganisationCommand, PartyContracts, PartyErrors } from './index';

describe('party contracts', () => {
  it('owns only party subjects and declares only catalogued error codes', () => {
    for (const contract of PartyContracts.requests) {
      expect(contract.subject.startsWith('party.')).toBe(true);
      for (const code of contract.errors) expect(PartyErrors).toHaveProperty([code]);
    }
    for (const event of PartyContracts.events) expect(event.subject).toMatch(/^evt\.party\.[a-z-]+\.[a-z-]+\.v1$/);
  });

  it.each([
    [{ code: '310117', name: '松江区', type: 'DISTRICT' }, true],
    [{ code: '310117006', name: ' 方松街道 ', type: 'STREET', parentId: '6b0c4d5e-8a1f-4c2b-9d3e-1f2a3b4c5d6e' }, true],
    [{ code: 'has space', name: 'x', type: 'DISTRICT' }, false],
    [{ code: '1', name: '', type: 'DISTRICT' }, false],
    [{ code: '1', name: 'x', type: 'PROVINCE' }, false],
    [{ code: '1', name: 'x', type: 'STREET', parentId: 'not-a-uuid' }, false],
    [{ code: '1', name: 'x'.repeat(101), type: 'DISTRICT' }, false],
  ])('create area %j valid: %s', (payload, valid) => {
    expect(CreateAreaCommand.request.safeParse(payload).success).toBe(valid);
  });

  it('trims names and defaults the parent to none', () => {
    const parsed = CreateAreaCommand.request.parse({ code: '1', name: ' 松江区 ', type: 'DISTRICT' });
    expect(parsed).toEqual({ code: '1', name: '松江区', type: 'DISTRICT', parentId: null });
  });

  it('rejects an organisation with an unknown type or a bad founding date', () => {
    const base = { name: '党支部', areaId: '6b0c4d5e-8a1f-4c2b-9d3e-1f2a3b4c5d6e' };
    expect(CreateOrganisationCommand.request.safeParse({ ...base, type: 'BRANCH' }).success).toBe(true);
    expect(CreateOrganisationCommand.request.safeParse({ ...base, type: 'CELL' }).success).toBe(false);
    expect(CreateOrganisationCommand.request.safeParse({ ...base, type: 'BRANCH', foundedOn: '2020-13-01' }).success).toBe(false);
  });
});
