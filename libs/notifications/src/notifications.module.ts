// The notifications context: recipients, notifications and read state, the feed.
import { Module } from '@nestjs/common';
import { DirectoryReader } from './directory.reader';
import { EventNotificationConsumer } from './event-notification.consumer';
import { FeedController } from './feed.controller';
import { FeedService } from './feed.service';
import { NotificationRepository } from './notification.repository';
import { RecipientResolver } from './recipient.resolver';

@Module({
  controllers: [FeedController],
  providers: [DirectoryReader, RecipientResolver, NotificationRepository, FeedService, EventNotificationConsumer],
})
export class NotificationsModule {}
