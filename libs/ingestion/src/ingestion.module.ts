// The ingestion context: business events and notification triggers accepted by the gateway.
import { Module } from '@nestjs/common';
import { EventStoreModule } from '@herald/event-store';
import { EventIngestionService } from './event-ingestion.service';
import { EventsController } from './events.controller';

@Module({
  imports: [EventStoreModule],
  controllers: [EventsController],
  providers: [EventIngestionService],
})
export class IngestionModule {}
