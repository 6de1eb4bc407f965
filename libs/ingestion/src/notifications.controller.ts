// POST /api/v1/notifications (SPEC §4, seed 001): HTTP to NotificationTriggerService, nothing
// else. Takes an optional Idempotency-Key.
import { Body, Controller, Headers, HttpCode, Post, Res } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { ErrorCode, Principal } from '@herald/contracts';
import { CurrentPrincipal, RequireScopes } from '@herald/platform/auth';
import { ApiEnvelope, ApiErrors } from '@herald/platform/http';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf } from './idempotency';
import { NotificationAcceptedResponse, NotificationTriggerService } from './notification-trigger.service';
import { sendCreated } from './unit-writer';

@Controller('notifications')
export class NotificationsController {
  constructor(private readonly triggers: NotificationTriggerService) {}

  @Post()
  @HttpCode(202)
  @ApiBody({ schema: { type: 'object', description: 'A notification trigger (SPEC §4, seed 001): type, recipients, content.' } })
  @ApiEnvelope({ type: 'object', required: ['notification_event_id', 'status'], properties: { notification_event_id: { type: 'string' }, status: { type: 'string', enum: ['accepted'] } } })
  @ApiErrors(ErrorCode.IDEMPOTENCY_KEY_REUSED, 422)
  @RequireScopes('notifications:publish')
  async trigger(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Headers(IDEMPOTENCY_KEY_HEADER) key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<NotificationAcceptedResponse> {
    return sendCreated(reply, await this.triggers.trigger(principal, body, idempotencyKeyOf(key)));
  }
}
