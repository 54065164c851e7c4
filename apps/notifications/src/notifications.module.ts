import { Module } from '@nestjs/common';
import { Inbox, InboxHandler } from './inbox/inbox';

@Module({ controllers: [InboxHandler], providers: [Inbox] })
export class NotificationsModule {}
