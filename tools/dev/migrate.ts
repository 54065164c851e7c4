// `npm run migrate -- <service>`: runs that service's committed migrations (DATABASE_URL, or PGlite).
import { runMigrations } from '@gov/platform';
import { services } from './services';

const name = process.argv[2];
const spec = name ? services[name] : undefined;
if (!spec) {
  console.error(`usage: npm run migrate -- <${Object.keys(services).join('|')}>`);
  process.exit(2);
}
const applied = await runMigrations(spec);
console.log(applied.length ? `${name}: applied ${applied.join(', ')}` : `${name}: up to date`);
