import { Authenticator } from './authenticator';

const SECRET = 'unit-secret-unit-secret-unit-secret-01';

describe('Authenticator: bearer tokens into actors', () => {
  it('verifies a token once, serves it from memory until it expires, then verifies it again', async () => {
    const auth = new Authenticator({ JWT_SECRET: SECRET });
    const token = await Authenticator.sign(SECRET, { sub: 'w1', roles: ['GRID_WORKER'], scopes: ['/310117/'] }, { expiresIn: '1h' });
    const first = await auth.authenticate(`Bearer ${token}`);
    expect(first).toMatchObject({ kind: 'user', id: 'w1', roles: ['GRID_WORKER'], scopes: ['/310117/'] });
    expect(await auth.authenticate(`Bearer ${token}`)).toBe(first);
    const afterExpiry = Date.now() + 2 * 3_600_000;
    // Past its expiry the cached entry is not used: the token's signature and expiry are checked again.
    expect(await auth.authenticate(`Bearer ${token}`, afterExpiry)).not.toBe(first);
  });

  it.each([
    ['no header', undefined],
    ['not a bearer token', 'Basic abc'],
    ['a forged signature', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZXMiOltdLCJzY29wZXMiOltdfQ.c2lnbmF0dXJl'],
  ])('refuses %s with UNAUTHENTICATED', async (_case, header) => {
    await expect(new Authenticator({ JWT_SECRET: SECRET }).authenticate(header)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('refuses a token signed with another secret, even after a good one was cached', async () => {
    const auth = new Authenticator({ JWT_SECRET: SECRET });
    const good = await Authenticator.sign(SECRET, { sub: 'w1', roles: [], scopes: [] });
    await auth.authenticate(`Bearer ${good}`);
    const forged = await Authenticator.sign('another-secret-another-secret-0000', { sub: 'w1', roles: ['DISTRICT_OPERATOR'], scopes: ['/'] });
    await expect(auth.authenticate(`Bearer ${forged}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
