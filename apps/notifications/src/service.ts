import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServiceSpec } from '@gov/platform';
import { migrations } from '../migrations';
import { NotificationsEnvExtra, type NotificationsEnv } from './config';
import { Delivery, Preference } from './deliveries/delivery.entities';
import { UnitFollower } from './deliveries/unit-followers';
import { directoryConsumers } from './directory/directory-consumers';
import { KnownArea, Resident, RoleHolder } from './directory/directory.entities';
import { InboxMessage } from './inbox/inbox-message.entity';
import { ticketConsumers } from './inbox/ticket-consumers';
import { DoorToDoorTask, Notice } from './notices/notice.entities';
import { NotificationsModule } from './notifications.module';
import { WebhookDelivery, WebhookSubscription } from './webhooks/webhook.entities';

/** Everything that makes up the notifications service. */
export const notificationsService: ServiceSpec = {
  service: 'notifications',
  module: NotificationsModule,
  env: NotificationsEnvExtra,
  entities: [InboxMessage, WebhookSubscription, WebhookDelivery, Delivery, Preference, KnownArea, Resident, RoleHolder, Notice, DoorToDoorTask, UnitFollower],
  migrations,
  migrationsPath: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations'),
  consumers: (config) => {
    const settings = { throttlePerHour: (config as NotificationsEnv).THROTTLE_PER_HOUR };
    return [...ticketConsumers(settings), ...directoryConsumers(settings)];
  },
};
