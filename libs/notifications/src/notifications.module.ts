// The notifications context: recipients, preferences, notifications and read state, the feed.
import { Module } from '@nestjs/common';
import { DirectoryReader } from './directory.reader';
import { EventNotificationConsumer } from './event-notification.consumer';
import { FeedController } from './feed.controller';
import { FeedService } from './feed.service';
import { notificationOutboxProvider } from './notification-outbox';
import { NotificationRepository } from './notification.repository';
import { RecipientResolver } from './recipient.resolver';
import { PreferenceRepository } from './preference.repository';
import { PreferencesController } from './preferences.controller';
import { PreferencesService } from './preferences.service';

@Module({
  controllers: [PreferencesController, FeedController],
  providers: [notificationOutboxProvider, DirectoryReader, RecipientResolver, NotificationRepository, FeedService, EventNotificationConsumer, PreferenceRepository, PreferencesService],
})
export class NotificationsModule {}
