// The ingestion context: business events and notification triggers accepted by the gateway.
import { Module } from '@nestjs/common';
import { EventStoreModule } from '@herald/event-store';
import { EventIngestionService } from './event-ingestion.service';
import { UnitWriter } from './unit-writer';
import { EventsController } from './events.controller';
import { DirectoryUserLookup } from './directory-user.lookup';
import { NotificationTriggerService } from './notification-trigger.service';
import { NotificationsController } from './notifications.controller';

@Module({
  imports: [EventStoreModule],
  controllers: [EventsController, NotificationsController],
  providers: [EventIngestionService, NotificationTriggerService, DirectoryUserLookup, UnitWriter],
})
export class IngestionModule {}
