import 'reflect-metadata';
import { runServiceProcess } from '@gov/platform';
import { ticketsService } from './service';

await runServiceProcess(ticketsService);
