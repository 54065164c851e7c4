import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceSpec } from '@gov/platform';
import { migrations } from '../migrations';
import { NotificationsEnvExtra } from './config';
import { InboxMessage } from './inbox/inbox-message.entity';
import { ticketConsumers } from './inbox/ticket-consumers';
import { NotificationsModule } from './notifications.module';
import { WebhookDelivery, WebhookSubscription } from './webhooks/webhook.entities';

/** Everything that makes up the notifications service. */
export const notificationsService: ServiceSpec = {
  service: 'notifications',
  module: NotificationsModule,
  env: NotificationsEnvExtra,
  entities: [InboxMessage, WebhookSubscription, WebhookDelivery],
  migrations,
  migrationsPath: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations'),
  consumers: ticketConsumers,
  publishesEvents: false,
};
