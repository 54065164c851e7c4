import 'reflect-metadata';
import { runServiceProcess } from '@gov/platform';
import { notificationsService } from './service';

await runServiceProcess(notificationsService);
