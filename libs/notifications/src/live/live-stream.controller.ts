// GET /notifications/sse (SPEC §7): the caller's live notifications as text/event-stream.
// Bearer header, or `access_token` in the query on this route only (EventSource cannot send
// headers); `Last-Event-ID` (or `last_event_id` in the query) replays what was missed.
import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Principal } from '@herald/contracts';
import { AcceptQueryToken, CurrentPrincipal, RequireAccess } from '@herald/platform/auth';
import { ApiErrors } from '@herald/platform/http';
import { FEED_ACCESS } from '../feed.controller';
import { LiveStreamService } from './live-stream.service';

@Controller('notifications')
export class LiveStreamController {
  constructor(private readonly live: LiveStreamService) {}

  @Get('sse')
  @ApiOkResponse({ description: 'The live stream (Server-Sent Events).', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiErrors(429, 503)
  @RequireAccess(FEED_ACCESS)
  @AcceptQueryToken()
  stream(
    @CurrentPrincipal() principal: Principal,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Query('last_event_id') lastEventIdQuery: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    return this.live.open(principal, lastEventIdHeader ?? lastEventIdQuery, {
      response: reply.raw,
      headers: reply.getHeaders() as Record<string, string | number | string[]>,
      takeOver: () => void reply.hijack(),
    });
  }
}
