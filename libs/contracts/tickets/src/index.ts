import type { EventContract, RequestContract, ServiceContracts } from '@gov/contracts-core';
import { TicketErrors } from './errors';
import * as care from './care';
import * as catalogue from './catalogue';
import * as kpis from './kpis';
import * as patrols from './patrols';
import * as tickets from './tickets';

export * from './care';
export * from './catalogue';
export * from './errors';
export * from './kpis';
export * from './patrols';
export * from './tickets';

const all = [...Object.values(tickets), ...Object.values(catalogue), ...Object.values(kpis), ...Object.values(patrols), ...Object.values(care)] as unknown[];
const isContract = (c: unknown): c is { kind: string } => typeof c === 'object' && c !== null && 'kind' in c && 'subject' in c;

/** Every subject of the tickets service. */
export const TicketContracts: ServiceContracts = {
  service: 'tickets',
  requests: all.filter((c): c is RequestContract => isContract(c) && c.kind !== 'event'),
  events: all.filter((c): c is EventContract => isContract(c) && c.kind === 'event'),
  errors: TicketErrors,
};
