import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { TestDatabases, uniquePrefix } from '@gov/testing';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `npm start` end to end: services up, demo data loaded, the printed token works, Ctrl-C leaves nothing. */
describe('the launcher (npm start)', () => {
  it('starts everything, prints a working token, and stops everything on SIGINT', async () => {
    const databases = new TestDatabases(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    // One database per service, as the launcher expects; all of them created (and dropped) by the harness.
    const party = await databases.create('launcher_party');
    const tickets = await databases.create('launcher_tickets');
    const notifications = await databases.create('launcher_notifications');
    const port = await freePort();
    const launcher = spawn(process.execPath, ['tools/run.mjs', 'tools/dev/start.ts'], {
      env: {
        ...process.env,
        PARTY_DATABASE_URL: party.url,
        TICKETS_DATABASE_URL: tickets.url,
        NOTIFICATIONS_DATABASE_URL: notifications.url,
        NATS_URL: process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222',
        NATS_SUBJECT_PREFIX: uniquePrefix(),
        PORT: String(port),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((resolve) => launcher.once('exit', resolve));
    try {
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Ctrl-C stops everything')) resolve();
        };
        launcher.stdout!.on('data', onData);
        launcher.stderr!.on('data', onData);
        void exited.then((code) => reject(new Error(`launcher exited with ${code}:\n${output}`)));
      });
      const base = `http://127.0.0.1:${port}`;
      const token = /\s(eyJ[\w-]+\.[\w-]+\.[\w-]+)\s/.exec(output)?.[1];
      const districtId = /under 松江区 \(([0-9a-f-]{36})\)/.exec(output)?.[1];
      expect(token).toBeDefined();
      expect(output).toContain(`${base}/docs`);
      expect((await fetch(`${base}/open311/v2/services.json?jurisdiction_id=310117`)).status).toBe(200);
      expect((await fetch(`${base}/health`)).status).toBe(200);
      const docs = (await (await fetch(`${base}/openapi.json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(docs.paths)).toEqual(expect.arrayContaining(['/api/v1/areas', '/api/v1/organisations']));

      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const subtree = (await (await fetch(`${base}/api/v1/areas/${districtId}/subtree?limit=100`, { headers: auth })).json()) as {
        items: { name: string }[];
      };
      expect(subtree.items.map((area) => area.name)).toEqual(expect.arrayContaining(['松江区', '蓝天二村居民区', '亭南居民区']));
      const created = await fetch(`${base}/api/v1/areas`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ code: '310117006', name: '广富林街道', type: 'STREET', parentId: districtId }),
      });
      expect(created.status).toBe(201);
      const street = (await created.json()) as { id: string };
      const org = await fetch(`${base}/api/v1/organisations`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ name: '广富林街道党工委', type: 'SUBDISTRICT_WORKING_COMMITTEE', areaId: street.id }),
      });
      expect(org.status).toBe(201);
      const orgId = ((await org.json()) as { id: string }).id;
      expect((await fetch(`${base}/api/v1/organisations/${orgId}`, { headers: auth })).status).toBe(200);
    } finally {
      launcher.kill('SIGINT');
      expect(await exited).toBe(0);
      await databases.drop(party.name);
      await databases.drop(tickets.name);
      await databases.drop(notifications.name);
    }
    // Nothing it started still answers.
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  }, 120_000);
});
