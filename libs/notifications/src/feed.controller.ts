// The feed routes (SPEC §7): GET /notifications, GET /notifications/:id, POST and PATCH
// /notifications/:id/read, POST /notifications/ack, DELETE /notifications/:id. HTTP to
// FeedService, nothing else; every route acts on the caller's own items only.
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { Page, Principal } from '@herald/contracts';
import { CurrentPrincipal, RequireAccess } from '@herald/platform/auth';
import { ApiEnvelope, ApiErrors } from '@herald/platform/http';
import { AckDto, FeedQueryDto, ReadStateDto } from './feed.dto';
import { FeedService } from './feed.service';
import { FeedItem } from './feed-item';

export const FEED_ACCESS = { scopes: ['notifications:read' as const], orRoles: 'any' as const };

@Controller('notifications')
export class FeedController {
  constructor(private readonly feed: FeedService) {}

  @Get()
  @RequireAccess(FEED_ACCESS)
  @ApiEnvelope(undefined, { paged: true })
  list(@CurrentPrincipal() principal: Principal, @Query() query: FeedQueryDto): Promise<Page<FeedItem>> {
    return this.feed.list(principal, query);
  }

  // a static segment: Fastify's router prefers it to the :id routes
  @Post('ack')
  @HttpCode(200)
  @RequireAccess(FEED_ACCESS)
  ack(@CurrentPrincipal() principal: Principal, @Body() body: AckDto): Promise<{ acknowledged: string[] }> {
    return this.feed.ack(principal, body);
  }

  @Get(':id')
  @ApiErrors(404)
  @RequireAccess(FEED_ACCESS)
  item(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<FeedItem> {
    return this.feed.item(principal, id);
  }

  @Post(':id/read')
  @ApiErrors(404)
  @HttpCode(200)
  @RequireAccess(FEED_ACCESS)
  markRead(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: ReadStateDto): Promise<FeedItem> {
    return this.feed.setRead(principal, id, body);
  }

  @Patch(':id/read')
  @ApiErrors(404)
  @RequireAccess(FEED_ACCESS)
  patchRead(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: ReadStateDto): Promise<FeedItem> {
    return this.feed.setRead(principal, id, body);
  }

  @Delete(':id')
  @ApiErrors(404)
  @RequireAccess(FEED_ACCESS)
  hide(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<{ id: string; deleted: true }> {
    return this.feed.hide(principal, id);
  }
}
