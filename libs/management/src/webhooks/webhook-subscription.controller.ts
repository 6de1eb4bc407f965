// The tenant's webhook-subscription routes (SPEC §9): POST/GET /webhooks, GET/PATCH/DELETE
// /webhooks/:id, POST /webhooks/:id/rotate-secret, GET /webhooks/:id/deliveries, POST
// /webhooks/:id/test and /webhooks/:id/recover. JWT or API key, scope `webhooks:manage` or role
// `admin`. HTTP to WebhookSubscriptionService and WebhookOperationsService, nothing else.
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res, UsePipes } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Page, Principal } from '@herald/contracts';
import { CurrentPrincipal, RequireAccess } from '@herald/platform/auth';
import { DeliveryWithAttempts } from '../deliveries/delivery.dto';
import { RejectNulPipe } from '../reject-nul.pipe';
import { PageQueryDto } from '../paging';
import {
  CreateWebhookSubscriptionDto,
  IssuedWebhookSubscription,
  RecoverWebhookDto,
  RotateWebhookSecretDto,
  UpdateWebhookSubscriptionDto,
  WebhookRecoverAccepted,
  WebhookSubscriptionView,
  WebhookTestResult,
} from './webhook-subscription.dto';
import { WebhookOperationsService } from './webhook-operations.service';
import { WebhookSubscriptionService } from './webhook-subscription.service';

const WEBHOOKS_ACCESS = { scopes: ['webhooks:manage' as const], orRoles: ['admin' as const] };

@Controller('webhooks')
@RequireAccess(WEBHOOKS_ACCESS)
@UsePipes(RejectNulPipe)
export class WebhookSubscriptionController {
  constructor(
    private readonly subscriptions: WebhookSubscriptionService,
    private readonly operations: WebhookOperationsService,
  ) {}

  @Post()
  create(@CurrentPrincipal() caller: Principal, @Body() body: CreateWebhookSubscriptionDto): Promise<IssuedWebhookSubscription> {
    return this.subscriptions.create(caller, body);
  }

  @Get()
  list(@CurrentPrincipal() caller: Principal, @Query() query: PageQueryDto): Promise<Page<WebhookSubscriptionView>> {
    return this.subscriptions.list(caller, query);
  }

  @Get(':id')
  get(@CurrentPrincipal() caller: Principal, @Param('id') id: string): Promise<WebhookSubscriptionView> {
    return this.subscriptions.get(caller, id);
  }

  @Get(':id/deliveries')
  deliveries(@CurrentPrincipal() caller: Principal, @Param('id') id: string, @Query() query: PageQueryDto): Promise<Page<DeliveryWithAttempts>> {
    return this.subscriptions.deliveries(caller, id, query);
  }

  @Patch(':id')
  update(@CurrentPrincipal() caller: Principal, @Param('id') id: string, @Body() body: UpdateWebhookSubscriptionDto): Promise<WebhookSubscriptionView> {
    return this.subscriptions.update(caller, id, body);
  }

  @Post(':id/rotate-secret')
  rotateSecret(@CurrentPrincipal() caller: Principal, @Param('id') id: string, @Body() body: RotateWebhookSecretDto): Promise<IssuedWebhookSubscription> {
    return this.subscriptions.rotateSecret(caller, id, body);
  }

  /** 200 with the worker's attempt, or 202 `pending` when it took longer than WEBHOOK_TEST_TIMEOUT_MS. */
  @Post(':id/test')
  @HttpCode(200)
  async test(@CurrentPrincipal() caller: Principal, @Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<WebhookTestResult> {
    const result = await this.operations.test(caller, id);
    if (result.status === 'pending') reply.status(202);
    return result;
  }

  @Post(':id/recover')
  @HttpCode(202)
  recover(@CurrentPrincipal() caller: Principal, @Param('id') id: string, @Body() body: RecoverWebhookDto): Promise<WebhookRecoverAccepted> {
    return this.operations.recover(caller, id, body);
  }

  @Delete(':id')
  delete(@CurrentPrincipal() caller: Principal, @Param('id') id: string): Promise<{ id: string; deleted: true }> {
    return this.subscriptions.delete(caller, id);
  }
}
