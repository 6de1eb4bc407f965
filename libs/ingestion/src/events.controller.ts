// POST /api/v1/internal/events, /batch and the facades (/<segment>): HTTP to
// EventIngestionService, nothing else. A batch counts its items against the rate limits.
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { Principal } from '@herald/contracts';
import { CurrentPrincipal, RateLimitWeight, RequireScopes } from '@herald/platform/auth';
import { RouteBodyLimit } from '@herald/platform/http';
import { BATCH_MAX_BODY_BYTES, BatchAcceptedResponse, batchWeight } from './event-batch';
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

  // a static segment: Fastify's router prefers it to the facade parameter below
  @Post('batch')
  @HttpCode(202)
  @RequireScopes('events:publish')
  @RouteBodyLimit(BATCH_MAX_BODY_BYTES)
  @RateLimitWeight(batchWeight)
  publishBatch(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<BatchAcceptedResponse> {
    return this.ingestion.publishBatch(principal, body);
  }

  @Post(':facade')
  @HttpCode(202)
  @RequireScopes('events:publish')
  publishFacade(
    @CurrentPrincipal() principal: Principal,
    @Param('facade') facade: string,
    @Body() body: unknown,
  ): Promise<EventAcceptedResponse> {
    return this.ingestion.publishFacade(principal, facade, body);
  }
}
