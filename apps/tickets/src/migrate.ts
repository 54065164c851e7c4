import { runMigrations } from '@gov/platform';
import { ticketsService } from './service';

const applied = await runMigrations(ticketsService);
console.log(applied.length ? `tickets: applied ${applied.join(', ')}` : 'tickets: database is up to date');
