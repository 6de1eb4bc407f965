// Read-only view of management's integrations for the worker (SPEC §5, §8): where an
// integration's callback goes and the Standard Webhooks secret it is signed with, read at
// attempt time so a changed URL, a deactivation or a new secret applies to the next attempt.
// Never writes. The secret is `callback_secret` (`whsec_…`) in the integration's sealed
// credentials (opened with INTEGRATION_CREDENTIALS_KEY, as the ingress opens them); a
// provider's default integration, whose inbound credentials are env values, falls back to
// INTEGRATION_CALLBACK_SECRET likewise. Always inside one tenant.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CALLBACK_SECRET_CREDENTIAL, TenantId } from '@herald/contracts';
import { CredentialsCipher } from '@herald/platform/auth';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { WebhookCredentials } from './webhook.sender';

/** Where a callback goes, or why it cannot go anywhere (the delivery fails with that reason). */
export type IntegrationCallback = { url: string; credentials: WebhookCredentials } | { refused: string };

interface IntegrationRow {
  active: boolean;
  is_default: boolean;
  callback_url: string | null;
  credentials_sealed: string | null;
}

@Injectable()
export class IntegrationCallbackReader {
  private readonly defaultSecret?: string;

  constructor(
    private readonly dataSource: DataSource,
    // credentialsCipherProvider: refuses to start in production without INTEGRATION_CREDENTIALS_KEY, like the ingress
    private readonly cipher: CredentialsCipher,
    @Inject(HERALD_CONFIG) config: HeraldConfig,
  ) {
    this.defaultSecret = config.providers.callbackSecret;
  }

  async find(tenantId: TenantId, integrationId: string): Promise<IntegrationCallback> {
    const [row]: IntegrationRow[] = await this.dataSource.query(
      `SELECT active, is_default, callback_url, credentials_sealed FROM integrations WHERE tenant_id = $1 AND id = $2`,
      [tenantId, integrationId],
    );
    if (!row) return { refused: 'integration not found' };
    if (!row.active) return { refused: 'integration inactive' };
    if (!row.callback_url) return { refused: 'integration has no callback URL' };
    const secret = this.ownSecret(integrationId, row) ?? (row.is_default ? this.defaultSecret : undefined);
    if (secret === undefined) {
      return { refused: row.is_default ? `integration has no ${CALLBACK_SECRET_CREDENTIAL} and INTEGRATION_CALLBACK_SECRET is unset` : `integration has no ${CALLBACK_SECRET_CREDENTIAL}` };
    }
    if (secret === null) return { refused: 'integration credentials could not be opened with INTEGRATION_CREDENTIALS_KEY' };
    return { url: row.callback_url, credentials: { secret } };
  }

  /** The integration's own callback secret; undefined when it has none, null when its credentials cannot be opened. */
  private ownSecret(integrationId: string, row: IntegrationRow): string | null | undefined {
    if (row.credentials_sealed === null) return undefined;
    try {
      return this.cipher.open(integrationId, row.credentials_sealed)[CALLBACK_SECRET_CREDENTIAL] || undefined;
    } catch {
      return null;
    }
  }
}
