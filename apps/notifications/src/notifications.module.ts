import { Module } from '@nestjs/common';
import { Inbox, InboxHandler } from './inbox/inbox';
import { Webhooks, WebhookSender, WebhooksHandler } from './webhooks/webhooks';

@Module({ controllers: [InboxHandler, WebhooksHandler], providers: [Inbox, Webhooks, WebhookSender] })
export class NotificationsModule {}
