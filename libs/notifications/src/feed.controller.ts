// GET /api/v1/notifications: HTTP to FeedService.
import { Controller, Get, Query } from '@nestjs/common';
import { Page, Principal } from '@herald/contracts';
import { CurrentPrincipal, RequireAccess } from '@herald/platform/auth';
import { FeedQueryDto } from './feed.dto';
import { FeedService } from './feed.service';
import { FeedItem } from './notification.repository';

@Controller('notifications')
export class FeedController {
  constructor(private readonly feed: FeedService) {}

  @Get()
  @RequireAccess({ scopes: ['notifications:read'], orRoles: 'any' })
  list(@CurrentPrincipal() principal: Principal, @Query() query: FeedQueryDto): Promise<Page<FeedItem>> {
    return this.feed.list(principal, query);
  }
}
