// Operator routes over events (SPEC §9): GET /events, /events/:id, /events/:id/status and its
// alias /processing-status/:id; `x-internal-api-key` only. HTTP to EventService, nothing else.
import { Controller, Get, Param, Query, UsePipes } from '@nestjs/common';
import { Page } from '@herald/contracts';
import { OperatorOnly } from '@herald/platform/auth';
import { ApiEnvelope, ApiErrors } from '@herald/platform/http';
import { RejectNulPipe } from '../reject-nul.pipe';
import { EventDetail, EventListItem, EventQueryDto, EventStatusView } from './event.dto';
import { EventService } from './event.service';

@Controller()
@OperatorOnly()
@UsePipes(RejectNulPipe)
export class EventController {
  constructor(private readonly events: EventService) {}

  @Get('events')
  @ApiEnvelope(undefined, { paged: true })
  list(@Query() query: EventQueryDto): Promise<Page<EventListItem>> {
    return this.events.list(query);
  }

  @Get('events/:id')
  @ApiErrors(404)
  get(@Param('id') id: string): Promise<EventDetail> {
    return this.events.detail(id);
  }

  @Get('events/:id/status')
  @ApiErrors(404)
  status(@Param('id') id: string): Promise<EventStatusView> {
    return this.events.status(id);
  }

  /** SPEC §9's alias of GET /events/:id/status. */
  @Get('processing-status/:id')
  @ApiErrors(404)
  processingStatus(@Param('id') id: string): Promise<EventStatusView> {
    return this.events.status(id);
  }
}
