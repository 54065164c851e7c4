import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceSpec } from '@gov/platform';
import { migrations } from '../migrations';
import { Area } from './areas/area.entity';
import { Organisation } from './organisations/organisation.entity';
import { PartyModule } from './party.module';

/** Everything that makes up the party service, for its main, its migrate step, the launcher and tests. */
export const partyService: ServiceSpec = {
  service: 'party',
  module: PartyModule,
  entities: [Area, Organisation],
  migrations,
  migrationsPath: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations'),
};
