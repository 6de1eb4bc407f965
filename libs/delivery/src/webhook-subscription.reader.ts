// Read-only view of management's webhook subscriptions for the worker: where to post and
// with which secrets (opened from their sealed form), joined with the worker's own endpoint
// state so a destination it disabled (410, days of failure) is seen as disabled — until
// management changes the subscription after that (re-enabling it, a new URL), which gives
// the endpoint another chance without the worker's state being written by anyone else.
// Always inside one tenant.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantId } from '@herald/contracts';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { SecretBox } from '@herald/platform/secrets';
import { WebhookCredentials } from './webhook.sender';

export interface WebhookTarget {
  url: string;
  /** Why nothing may be sent to it, when disabled. */
  disabled?: string;
  credentials: WebhookCredentials;
}

interface SubscriptionRow {
  url: string;
  enabled: boolean;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Date | null;
  disabled_reason: string | null;
  disabled_at: Date | null;
  updated_at: Date;
}

@Injectable()
export class WebhookSubscriptionReader {
  private readonly box: SecretBox;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(HERALD_CONFIG) config: HeraldConfig,
  ) {
    if (!config.webhookSecretsKey) throw new Error('invalid configuration: WEBHOOK_SECRETS_KEY is required in production');
    this.box = new SecretBox(config.webhookSecretsKey);
  }

  /** The subscription, or undefined when the tenant has none with that id (deleted). */
  async find(tenantId: TenantId, subscriptionId: string): Promise<WebhookTarget | undefined> {
    const [row]: SubscriptionRow[] = await this.dataSource.query(
      `SELECT s.url, s.enabled, s.updated_at, s.secret_sealed, s.previous_secret_sealed, s.previous_secret_expires_at, e.disabled_at, e.disabled_reason
       FROM webhook_subscriptions s LEFT JOIN webhook_endpoint_states e ON e.subscription_id = s.id
       WHERE s.tenant_id = $1 AND s.id = $2`,
      [tenantId, subscriptionId],
    );
    if (!row) return undefined;
    const inGrace = row.previous_secret_sealed && row.previous_secret_expires_at && row.previous_secret_expires_at > new Date();
    return {
      url: row.url,
      disabled: !row.enabled ? 'subscription disabled' : row.disabled_at && row.disabled_at > row.updated_at ? `endpoint disabled: ${row.disabled_reason ?? ''}`.trim() : undefined,
      credentials: {
        secret: this.box.open(subscriptionId, row.secret_sealed),
        ...(inGrace && { previous_secret: this.box.open(subscriptionId, row.previous_secret_sealed as string) }),
      },
    };
  }
}
