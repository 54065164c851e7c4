import 'reflect-metadata';
import { runServiceProcess } from '@gov/platform';
import { partyService } from './service';

await runServiceProcess(partyService);
