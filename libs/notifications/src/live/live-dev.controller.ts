// Dev/test routes (SPEC §7; registered only when NODE_ENV is not production):
// POST /notifications/trigger (through the queue) and POST /notifications/sse (straight to
// live streams). Scope `notifications:publish`, JWT or API key.
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Principal } from '@herald/contracts';
import { CurrentPrincipal, RequireScopes } from '@herald/platform/auth';
import { ApiErrors } from '@herald/platform/http';
import { DevNotificationDto } from './dev-notification.dto';
import { LiveDevService } from './live-dev.service';

@Controller('notifications')
export class LiveDevController {
  constructor(private readonly dev: LiveDevService) {}

  @Post('trigger')
  @ApiErrors(422)
  @HttpCode(202)
  @RequireScopes('notifications:publish')
  trigger(@CurrentPrincipal() principal: Principal, @Body() body: DevNotificationDto): Promise<{ event_id: string; queued: true }> {
    return this.dev.trigger(principal, body);
  }

  @Post('sse')
  @ApiErrors(422)
  @HttpCode(202)
  @RequireScopes('notifications:publish')
  push(@CurrentPrincipal() principal: Principal, @Body() body: DevNotificationDto): Promise<{ id: string; queued: true }> {
    return this.dev.push(principal, body);
  }
}
