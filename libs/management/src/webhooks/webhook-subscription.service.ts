// The tenant's webhook subscriptions (SPEC §9): create and rotate-secret show the `whsec_…`
// signing secret once (sealed at rest with SecretBox, bound to the subscription id); create,
// update and rotation need a plan with webhooks, while list, get and delete work on any plan
// (a downgraded tenant can still see and remove its subscriptions).
import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { MalformedRequestError, NotFoundError, Page, Principal, tenantIdOf } from '@herald/contracts';
import { ConfigError, HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { SecretBox } from '@herald/platform/secrets';
import { auditEntry } from '../audit/audit-entry';
import { pageOf, pageWindow, PageQueryDto } from '../paging';
import { PlanGate } from '../tenants/plan-gate';
import { DeliveryWithAttempts } from '../deliveries/delivery.dto';
import { DeliveryReader } from '../deliveries/delivery.reader';
import {
  CreateWebhookSubscriptionDto,
  DEFAULT_GRACE_PERIOD_HOURS,
  IssuedWebhookSubscription,
  RotateWebhookSecretDto,
  UpdateWebhookSubscriptionDto,
  WebhookSubscriptionView,
} from './webhook-subscription.dto';
import { WebhookSubscriptionRepository, webhookSubscriptionView } from './webhook-subscription.repository';
import { checkSubscription, subscriptionIdFrom, WEBHOOK_SUBSCRIPTION_ENTITY } from './webhook-subscription.rules';

const ENTITY = WEBHOOK_SUBSCRIPTION_ENTITY;

/** A fresh signing secret: `whsec_` and 24 random bytes, base64 (the receivers' format). */
function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

@Injectable()
export class WebhookSubscriptionService {
  private readonly production: boolean;
  private readonly box: SecretBox;

  constructor(
    private readonly subscriptions: WebhookSubscriptionRepository,
    private readonly plans: PlanGate,
    private readonly deliveryReader: DeliveryReader,
    @Inject(HERALD_CONFIG) config: HeraldConfig,
  ) {
    this.production = config.nodeEnv === 'production';
    // refuse to start rather than answer 500 on the first create: production must set the key
    if (!config.webhookSecretsKey) throw new ConfigError('WEBHOOK_SECRETS_KEY', 'is required in production (it seals webhook signing secrets)');
    this.box = new SecretBox(config.webhookSecretsKey);
  }

  async create(caller: Principal, body: CreateWebhookSubscriptionDto): Promise<IssuedWebhookSubscription> {
    const tenantId = tenantIdOf(caller);
    const eventTypes = checkSubscription(body, this.production) ?? [];
    await this.plans.assert(tenantId, 'webhooks');
    const id = randomUUID();
    const secret = newSigningSecret();
    const stored = { id, url: body.url, description: body.description ?? null, eventTypes, enabled: body.enabled ?? true, secretSealed: this.seal(id, secret) };
    const payload = { id, url: stored.url, description: stored.description, event_types: eventTypes, enabled: stored.enabled };
    const audit = auditEntry(caller, tenantId, { action: 'webhook_subscription.created', entityType: ENTITY, entityId: id, payload });
    const row = await this.subscriptions.create(tenantId, stored, audit);
    return { ...webhookSubscriptionView(row), secret };
  }

  async update(caller: Principal, id: string, body: UpdateWebhookSubscriptionDto): Promise<WebhookSubscriptionView> {
    const tenantId = tenantIdOf(caller);
    const subscriptionId = subscriptionIdFrom(id);
    if ([body.url, body.event_types, body.description, body.enabled].every((field) => field === undefined)) {
      throw new MalformedRequestError('Change at least one of url, event_types, description, enabled');
    }
    const eventTypes = checkSubscription(body, this.production);
    await this.plans.assert(tenantId, 'webhooks');
    const changes = { url: body.url, description: body.description, eventTypes, enabled: body.enabled };
    const payload = { id: subscriptionId, url: body.url, description: body.description, event_types: eventTypes, enabled: body.enabled };
    const audit = auditEntry(caller, tenantId, { action: 'webhook_subscription.updated', entityType: ENTITY, entityId: subscriptionId, payload });
    const row = await this.subscriptions.update(tenantId, subscriptionId, changes, audit);
    if (!row) throw new NotFoundError(ENTITY, id);
    return webhookSubscriptionView(row);
  }

  async rotateSecret(caller: Principal, id: string, body: RotateWebhookSecretDto): Promise<IssuedWebhookSubscription> {
    const tenantId = tenantIdOf(caller);
    const subscriptionId = subscriptionIdFrom(id);
    await this.plans.assert(tenantId, 'webhooks');
    const previousUntil = new Date(Date.now() + (body.grace_period_hours ?? DEFAULT_GRACE_PERIOD_HOURS) * 3_600_000);
    const secret = newSigningSecret();
    const payload = { id: subscriptionId, previous_secret_expires_at: previousUntil.toISOString() };
    const audit = auditEntry(caller, tenantId, { action: 'webhook_subscription.secret_rotated', entityType: ENTITY, entityId: subscriptionId, payload });
    const row = await this.subscriptions.rotateSecret(tenantId, subscriptionId, this.seal(subscriptionId, secret), previousUntil, audit);
    if (!row) throw new NotFoundError(ENTITY, id);
    return { ...webhookSubscriptionView(row), secret };
  }

  async delete(caller: Principal, id: string): Promise<{ id: string; deleted: true }> {
    const tenantId = tenantIdOf(caller);
    const subscriptionId = subscriptionIdFrom(id);
    const audit = auditEntry(caller, tenantId, { action: 'webhook_subscription.deleted', entityType: ENTITY, entityId: subscriptionId, payload: { id: subscriptionId } });
    if (!(await this.subscriptions.delete(tenantId, subscriptionId, audit))) throw new NotFoundError(ENTITY, id);
    return { id: subscriptionId, deleted: true };
  }

  async get(caller: Principal, id: string): Promise<WebhookSubscriptionView> {
    const row = await this.subscriptions.find(tenantIdOf(caller), subscriptionIdFrom(id));
    if (!row) throw new NotFoundError(ENTITY, id);
    return webhookSubscriptionView(row);
  }

  /** The subscription's deliveries (the delivery worker's records), newest first, with their attempts. */
  async deliveries(caller: Principal, id: string, query: PageQueryDto): Promise<Page<DeliveryWithAttempts>> {
    const subscription = await this.get(caller, id);
    const window = pageWindow(query);
    const { items, total } = await this.deliveryReader.forDestination(tenantIdOf(caller), `webhook_subscription:${subscription.id}`, window);
    return pageOf(window, items, total);
  }

  async list(caller: Principal, query: PageQueryDto): Promise<Page<WebhookSubscriptionView>> {
    const window = pageWindow(query);
    const { rows, total } = await this.subscriptions.list(tenantIdOf(caller), window);
    return pageOf(window, rows.map(webhookSubscriptionView), total);
  }

  private seal(subscriptionId: string, secret: string): string {
    // the config refuses production without WEBHOOK_SECRETS_KEY only for the apps that open secrets
    return this.box.seal(subscriptionId, secret);
  }
}
