// POST /api/v1/internal/events: HTTP to EventIngestionService, nothing else.
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Principal } from '@herald/contracts';
import { CurrentPrincipal, RequireScopes } from '@herald/platform/auth';
import { EventAcceptedResponse, EventIngestionService } from './event-ingestion.service';

@Controller('internal/events')
export class EventsController {
  constructor(private readonly ingestion: EventIngestionService) {}

  @Post()
  @HttpCode(202)
  @RequireScopes('events:publish')
  publish(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<EventAcceptedResponse> {
    return this.ingestion.publish(principal, body);
  }
}
