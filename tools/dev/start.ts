// `npm start`: NATS (found, or started if nats-server is installed), migrations, every service and the
// gateway as child processes, demo data, and a development token. Ctrl-C stops everything it started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { connect } from '@nats-io/transport-node';
import pg from 'pg';
import type { Actor } from '@gov/contracts-core';
import { RpcClient } from '@gov/platform';
import { Authenticator } from '../../apps/gateway/src/auth/authenticator';
import { loadDemoData } from './demo-data';
import { services } from './services';

const env = process.env;
const natsUrl = env.NATS_URL ?? 'nats://127.0.0.1:4222';
const gatewayPort = Number(env.PORT ?? 3000);
const secret = env.JWT_SECRET ?? randomBytes(32).toString('hex');
/** A development Open311 key for the demo district, unless OPEN311_KEYS is given. */
const open311Key = `dev-open311-${randomBytes(8).toString('hex')}`;
const open311Keys = env.OPEN311_KEYS ?? JSON.stringify([{ key: open311Key, name: 'dev-hotline', districtCode: '310117' }]);
const children: { name: string; child: ChildProcess }[] = [];
let stopping = false;

function log(message: string) {
  console.log(`[start] ${message}`);
}

/**
 * One database per service: `<SERVICE>_DATABASE_URL` if given; otherwise DATABASE_URL names the server and
 * each service gets `<database>_<service>` beside it, created if missing; without either, PGlite.
 */
async function databaseUrlFor(service: string): Promise<string | undefined> {
  const own = env[`${service.toUpperCase()}_DATABASE_URL`];
  if (own || !env.DATABASE_URL) return own;
  const url = new URL(env.DATABASE_URL);
  const name = `${url.pathname.slice(1) || 'gov'}_${service}`.replace(/[^A-Za-z0-9_]/g, '_');
  const admin = new pg.Client({ connectionString: env.DATABASE_URL });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

async function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await Promise.all(
    children.reverse().map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill('SIGKILL'), 8_000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  process.exit(code);
}
process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

function launch(name: string, args: string[], extraEnv: Record<string, string | undefined>, command = process.execPath) {
  const child = spawn(command, args, { env: { ...env, ...extraEnv }, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push({ name, child });
  child.once('exit', (code, signal) => {
    if (!stopping) {
      log(`${name} exited (${signal ?? code}); stopping the rest`);
      void stopAll(1);
    }
  });
  return child;
}

async function natsAnswers(): Promise<boolean> {
  try {
    const nc = await connect({ servers: natsUrl, timeout: 1_000, reconnect: false });
    await nc.close();
    return true;
  } catch {
    return false;
  }
}

async function ensureNats() {
  if (await natsAnswers()) return log(`NATS answers at ${natsUrl}`);
  const which = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' });
  const binary = which.stdout.trim();
  if (!binary) {
    console.error(`No NATS server answers at ${natsUrl}, and nats-server is not on the PATH.
Start one with JetStream, then run npm start again:
  • Debian/Ubuntu:  sudo apt-get install nats-server && nats-server -js
  • Docker:         docker run -p 4222:4222 nats:2.10-alpine -js
  • or point NATS_URL at an existing server with JetStream enabled.`);
    process.exit(1);
  }
  const url = new URL(natsUrl.replace(/^nats:/, 'http:'));
  mkdirSync('.data/nats', { recursive: true });
  log(`starting ${binary} with JetStream under .data/nats`);
  launch('nats-server', ['-a', url.hostname, '-p', url.port || '4222', '-js', '-sd', '.data/nats'], {}, binary);
  for (let i = 0; i < 50; i++) {
    if (await natsAnswers()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('nats-server did not start');
}

async function waitForHealth(name: string, url: string) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${name} did not become ready at ${url}`);
}

try {
  await ensureNats();
  let healthPort = gatewayPort + 100;
  for (const [name] of Object.entries(services)) {
    const databaseUrl = await databaseUrlFor(name);
    log(`${name}: migrating ${databaseUrl ? `PostgreSQL ${new URL(databaseUrl).pathname.slice(1)}` : `PGlite under .data/${name}`}`);
    const migrate = spawnSync(process.execPath, ['tools/run.mjs', `apps/${name}/src/migrate.ts`], {
      env: { ...env, DATABASE_URL: databaseUrl },
      stdio: 'inherit',
    });
    if (migrate.status !== 0) throw new Error(`${name} migrations failed`);
    const port = ++healthPort;
    launch(name, ['tools/run.mjs', `apps/${name}/src/main.ts`], { DATABASE_URL: databaseUrl, HEALTH_PORT: String(port), NATS_URL: natsUrl });
    await waitForHealth(name, `http://127.0.0.1:${port}/health/ready`);
    log(`${name} is ready (health and metrics on :${port})`);
  }
  launch('gateway', ['tools/run.mjs', 'apps/gateway/src/main.ts'], {
    PORT: String(gatewayPort),
    JWT_SECRET: secret,
    DEV_TOKENS: env.DEV_TOKENS ?? 'true',
    NATS_URL: natsUrl,
    OPEN311_KEYS: open311Keys,
  });
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  await waitForHealth('gateway', `${gatewayUrl}/health/ready`);

  const nc = await connect({ servers: natsUrl });
  const operator: Actor = { kind: 'system', id: 'demo-loader', roles: ['DISTRICT_OPERATOR'], scopes: ['/'] };
  const demo = await loadDemoData(new RpcClient(nc, { prefix: env.NATS_SUBJECT_PREFIX ?? '', timeoutMs: 10_000 }), operator);
  await nc.close();
  const token = await Authenticator.sign(secret, { sub: 'dev-operator', name: '区平台运营', roles: ['DISTRICT_OPERATOR'], scopes: ['/'] });
  console.log(`
  党建引领社区治理平台 is running.
  API docs:  ${gatewayUrl}/docs        (OpenAPI: ${gatewayUrl}/openapi.json)
  Demo data: ${demo.areas} areas under 松江区 (${demo.district.id}), organisations under ${demo.rootOrganisation.name}
  Token (district operator, scope /, 12 h):
    ${token}
  Try:
    curl -H "authorization: Bearer <token>" ${gatewayUrl}/api/v1/areas/${demo.district.id}/subtree
  Open311:   ${gatewayUrl}/open311/v2/services.json?jurisdiction_id=310117${env.OPEN311_KEYS ? '' : `   (api_key ${open311Key})`}
  Messages:  SMS, WeChat and e-mail are recorded to ${env.RECORD_DIR ?? '.data/notifications/outbox'}/<channel>.jsonl (set SMS_PROVIDER etc. to send them)
  More tokens: POST ${gatewayUrl}/dev/token {"sub":"…","roles":["PARTY_SECRETARY"],"scopes":["/310117/310117001/"]}
  Ctrl-C stops everything.
`);
} catch (error) {
  console.error(`[start] ${(error as Error).message}`);
  await stopAll(1);
}
