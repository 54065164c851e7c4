// `npm run migration:create -- <service>`: diffs the service's entities against its committed migrations on
// a scratch PostgreSQL database and writes the new migration next to the others, for review and commit.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createOrm } from '@gov/platform';
import { services } from './services';

const name = process.argv[2];
const spec = name ? services[name] : undefined;
if (!spec) {
  console.error(`usage: npm run migration:create -- <${Object.keys(services).join('|')}>`);
  process.exit(2);
}
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scratch = `gov_scratch_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${scratch}`);
try {
  const url = new URL(adminUrl);
  url.pathname = `/${scratch}`;
  const orm = await createOrm(spec, { DATABASE_URL: url.toString(), DATA_DIR: '.data', DB_POOL_MAX: 2 });
  try {
    await orm.migrator.up();
    const result = await orm.migrator.create(spec.migrationsPath);
    console.log(result.fileName ? `wrote ${spec.migrationsPath}/${result.fileName}; add it to migrations/index.ts` : 'no changes');
  } finally {
    await orm.close(true);
  }
} finally {
  await admin.query(`drop database if exists ${scratch}`);
  await admin.end();
}
