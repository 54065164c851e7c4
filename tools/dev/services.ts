import { partyService } from '../../apps/party/src/service';
import { notificationsService } from '../../apps/notifications/src/service';
import { ticketsService } from '../../apps/tickets/src/service';
import type { ServiceSpec } from '@gov/platform';

/** Every service the launcher starts and the migration tools know, in start order. */
export const services: Record<string, ServiceSpec> = {
  party: partyService,
  tickets: ticketsService,
  notifications: notificationsService,
};
