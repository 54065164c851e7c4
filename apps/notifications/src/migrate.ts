import { runMigrations } from '@gov/platform';
import { notificationsService } from './service';

const applied = await runMigrations(notificationsService);
console.log(applied.length ? `notifications: applied ${applied.join(', ')}` : 'notifications: database is up to date');
