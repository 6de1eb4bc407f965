// The tenant's webhook-subscription routes (SPEC §9): POST/GET /webhooks, GET/PATCH/DELETE
// /webhooks/:id, POST /webhooks/:id/rotate-secret. JWT or API key, scope `webhooks:manage`
// or role `admin`. HTTP to WebhookSubscriptionService, nothing else.
import { Body, Controller, Delete, Get, Param, Patch, Post, Query, UsePipes } from '@nestjs/common';
import { ErrorCode, Page, Principal } from '@herald/contracts';
import { CurrentPrincipal, RequireAccess } from '@herald/platform/auth';
import { ApiEnvelope, ApiErrors } from '@herald/platform/http';
import { DeliveryWithAttempts } from '../deliveries/delivery.dto';
import { RejectNulPipe } from '../reject-nul.pipe';
import { PageQueryDto } from '../paging';
import {
  CreateWebhookSubscriptionDto,
  IssuedWebhookSubscription,
  RotateWebhookSecretDto,
  UpdateWebhookSubscriptionDto,
  WebhookSubscriptionView,
} from './webhook-subscription.dto';
import { WebhookSubscriptionService } from './webhook-subscription.service';

const WEBHOOKS_ACCESS = { scopes: ['webhooks:manage' as const], orRoles: ['admin' as const] };

@Controller('webhooks')
@RequireAccess(WEBHOOKS_ACCESS)
@ApiErrors(ErrorCode.PLAN_UPGRADE_REQUIRED)
@UsePipes(RejectNulPipe)
export class WebhookSubscriptionController {
  constructor(private readonly subscriptions: WebhookSubscriptionService) {}

  @Post()
  @ApiErrors(422)
  create(@CurrentPrincipal() caller: Principal, @Body() body: CreateWebhookSubscriptionDto): Promise<IssuedWebhookSubscription> {
    return this.subscriptions.create(caller, body);
  }

  @Get()
  @ApiEnvelope(undefined, { paged: true })
  list(@CurrentPrincipal() caller: Principal, @Query() query: PageQueryDto): Promise<Page<WebhookSubscriptionView>> {
    return this.subscriptions.list(caller, query);
  }

  @Get(':id')
  @ApiErrors(404)
  get(@CurrentPrincipal() caller: Principal, @Param('id') id: string): Promise<WebhookSubscriptionView> {
    return this.subscriptions.get(caller, id);
  }

  @Get(':id/deliveries')
  @ApiErrors(404)
  @ApiEnvelope(undefined, { paged: true })
  deliveries(@CurrentPrincipal() caller: Principal, @Param('id') id: string, @Query() query: PageQueryDto): Promise<Page<DeliveryWithAttempts>> {
    return this.subscriptions.deliveries(caller, id, query);
  }

  @Patch(':id')
  @ApiErrors(404, 422)
  update(@CurrentPrincipal() caller: Principal, @Param('id') id: string, @Body() body: UpdateWebhookSubscriptionDto): Promise<WebhookSubscriptionView> {
    return this.subscriptions.update(caller, id, body);
  }

  @Post(':id/rotate-secret')
  @ApiErrors(404)
  rotateSecret(@CurrentPrincipal() caller: Principal, @Param('id') id: string, @Body() body: RotateWebhookSecretDto): Promise<IssuedWebhookSubscription> {
    return this.subscriptions.rotateSecret(caller, id, body);
  }

  @Delete(':id')
  @ApiErrors(404)
  delete(@CurrentPrincipal() caller: Principal, @Param('id') id: string): Promise<{ id: string; deleted: true }> {
    return this.subscriptions.delete(caller, id);
  }
}
