// The notifications context: recipients, preferences, notifications and read state, the feed,
// and the live stream (herald.realtime fan-out, committed through notification_outbox).
import { Module } from '@nestjs/common';
import { AlertRouting } from './alert-routing';
import { AlertRuleRepository } from './alert-rules/alert-rule.repository';
import { AlertRulesConsumer } from './alert-rules/alert-rules.consumer';
import { DirectoryReader } from './directory.reader';
import { EventNotificationConsumer } from './event-notification.consumer';
import { FeedController } from './feed.controller';
import { FeedService } from './feed.service';
import { LiveFanoutConsumer } from './live/live-fanout.consumer';
import { LiveStreamController } from './live/live-stream.controller';
import { LiveStreamService } from './live/live-stream.service';
import { LiveStreams } from './live/live-streams';
import { NOTIFICATION_OUTBOX, notificationOutboxProvider } from './notification-outbox';
import { NotificationRepository } from './notification.repository';
import { RecipientResolver } from './recipient.resolver';
import { PreferenceRepository } from './preference.repository';
import { ProcessingReportRepository } from './processing-report.repository';
import { SubscriptionReader } from './subscription.reader';
import { PreferencesController } from './preferences.controller';
import { PreferencesService } from './preferences.service';

@Module({
  controllers: [PreferencesController, LiveStreamController, FeedController],
  providers: [
    notificationOutboxProvider,
    DirectoryReader,
    RecipientResolver,
    NotificationRepository,
    FeedService,
    EventNotificationConsumer,
    PreferenceRepository,
    PreferencesService,
    ProcessingReportRepository,
    SubscriptionReader,
    LiveStreams,
    LiveStreamService,
    LiveFanoutConsumer,
    AlertRuleRepository,
    AlertRouting,
    AlertRulesConsumer,
  ],
  exports: [NOTIFICATION_OUTBOX],
})
export class NotificationsModule {}
