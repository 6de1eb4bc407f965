// POST /api/v1/notifications (SPEC §4, seed 001): HTTP to NotificationTriggerService, nothing else.
import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { Principal } from '@herald/contracts';
import { CurrentPrincipal, RequireScopes } from '@herald/platform/auth';
import { NotificationAcceptedResponse, NotificationTriggerService } from './notification-trigger.service';

@Controller('notifications')
export class NotificationsController {
  constructor(private readonly triggers: NotificationTriggerService) {}

  @Post()
  @HttpCode(202)
  @RequireScopes('notifications:publish')
  trigger(@CurrentPrincipal() principal: Principal, @Body() body: unknown): Promise<NotificationAcceptedResponse> {
    return this.triggers.trigger(principal, body);
  }
}
