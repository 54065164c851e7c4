import { runMigrations } from '@gov/platform';
import { partyService } from './service';

const applied = await runMigrations(partyService);
console.log(applied.length ? `party: applied ${applied.join(', ')}` : 'party: database is up to date');
