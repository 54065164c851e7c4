import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceSpec } from '@gov/platform';
import { migrations } from '../migrations';
import { TicketsEnvExtra } from './config';
import { CareProfile, CareVisit } from './care/care.entity';
import { Category } from './catalogue/category.entity';
import { DutyRoster } from './tickets/duty';
import { Patrol } from './patrols/patrols';
import { DistrictCalendar, Ticket, TicketNote, TicketTransition } from './tickets/ticket.entity';
import { TicketsModule } from './tickets.module';

/** Everything that makes up the tickets service, for its main, its migrate step, the launcher and tests. */
export const ticketsService: ServiceSpec = {
  service: 'tickets',
  module: TicketsModule,
  env: TicketsEnvExtra,
  entities: [Ticket, TicketTransition, TicketNote, DistrictCalendar, Category, DutyRoster, Patrol, CareProfile, CareVisit],
  migrations,
  migrationsPath: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations'),
};
