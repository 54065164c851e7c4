import { Module } from '@nestjs/common';
import { CLOCK, systemClock } from './clock';
import { ChannelSender } from './deliveries/channel-sender';
import { Receipts, ReceiptsHandler } from './deliveries/receipts';
import { SendMessages, SendMessagesHandler } from './deliveries/send-message';
import { UnitFollowers, UnitFollowersHandler } from './deliveries/unit-followers';
import { Inbox, InboxHandler } from './inbox/inbox';
import { DoorToDoor } from './notices/door-to-door';
import { FanoutWorker } from './notices/fanout';
import { Notices } from './notices/notices';
import { NoticesHandler } from './notices/notices.handler';
import { Preferences, PreferencesHandler } from './preferences/preferences';
import { Webhooks, WebhookSender, WebhooksHandler } from './webhooks/webhooks';

@Module({
  controllers: [InboxHandler, WebhooksHandler, PreferencesHandler, NoticesHandler, SendMessagesHandler, ReceiptsHandler, UnitFollowersHandler],
  providers: [
    Inbox,
    Webhooks,
    WebhookSender,
    Preferences,
    Notices,
    DoorToDoor,
    FanoutWorker,
    ChannelSender,
    SendMessages,
    Receipts,
    UnitFollowers,
    { provide: CLOCK, useFactory: systemClock },
  ],
})
export class NotificationsModule {}
