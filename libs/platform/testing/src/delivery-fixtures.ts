// Test data for the delivery worker: webhook subscriptions (secrets sealed as management
// will seal them) and delivery.job messages (webhook, sms) as producers publish them.
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DeliveryJobMessage, parseTenantId } from '@herald/contracts';
import { HeraldConfig } from '@herald/platform/config';
import { SecretBox } from '@herald/platform/secrets';

export interface WebhookSubscriptionFixture {
  url: string;
  secret?: string;
  /** With `previousSecretUntil`: the secret being rotated out and the end of its grace. */
  previousSecret?: string;
  previousSecretUntil?: Date;
  enabled?: boolean;
  /** The event types it receives (exact, or a wildcard such as `lead.*`); empty or absent: every type. */
  eventTypes?: string[];
}

/** A fresh `whsec_…` secret. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** Inserts a webhook subscription of the tenant (which must exist); returns its id and plain secret. */
export async function seedWebhookSubscription(
  dataSource: DataSource,
  config: Pick<HeraldConfig, 'webhookSecretsKey'>,
  tenantId: string,
  fixture: WebhookSubscriptionFixture,
): Promise<{ id: string; secret: string }> {
  if (!config.webhookSecretsKey) throw new Error('the test config has no WEBHOOK_SECRETS_KEY');
  const box = new SecretBox(config.webhookSecretsKey);
  const id = randomUUID();
  const secret = fixture.secret ?? newWebhookSecret();
  await dataSource.query(
    `INSERT INTO webhook_subscriptions (id, tenant_id, url, secret_sealed, previous_secret_sealed, previous_secret_expires_at, enabled, event_types)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      id,
      tenantId,
      fixture.url,
      box.seal(id, secret),
      fixture.previousSecret ? box.seal(id, fixture.previousSecret) : null,
      fixture.previousSecret ? (fixture.previousSecretUntil ?? new Date(Date.now() + 3600_000)) : null,
      fixture.enabled ?? true,
      fixture.eventTypes ?? [],
    ],
  );
  return { id, secret };
}

type JobOverrides = Partial<Omit<DeliveryJobMessage, 'tenant_id'>>;

/** A delivery.job message for a webhook subscription; override any field. */
export function webhookJob(tenantId: string, subscriptionId: string, overrides: JobOverrides = {}): DeliveryJobMessage {
  return deliveryJob(tenantId, { channel: 'webhook', destination: { kind: 'webhook_subscription', subscription_id: subscriptionId }, ...overrides });
}

/** A delivery.job message for an SMS to `phone` (E.164); override any field. */
export function smsJob(tenantId: string, phone: string, overrides: JobOverrides = {}): DeliveryJobMessage {
  return deliveryJob(tenantId, { channel: 'sms', destination: { kind: 'sms', phone }, ...overrides });
}

function deliveryJob(tenantId: string, overrides: JobOverrides): DeliveryJobMessage {
  return {
    contract_version: 1,
    delivery_id: `dlv_${randomUUID()}`,
    event_id: randomUUID(),
    channel: 'webhook',
    destination: { kind: 'email', address: 'nobody@example.test' },
    event: { type: 'invoice.paid', timestamp: new Date().toISOString(), data: { invoice_id: 'inv_1', amount: 42 } },
    ...overrides,
    tenant_id: parseTenantId(tenantId),
  };
}
