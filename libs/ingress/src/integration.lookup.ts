// Read-only view of the management context's integrations for the ingress: the active
// integration a webhook targets, by id or as its provider's default, with its credentials
// opened. Never writes. An integration that is missing, inactive or of another provider is
// null, which the caller answers 404 (SPEC §5), so the three cannot be told apart.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseTenantId, TenantId } from '@herald/contracts';
import { CredentialsCipher } from '@herald/platform/auth';
import { ProviderCredentials } from './webhook-provider';

export interface ActiveIntegration {
  id: string;
  tenantId: TenantId;
  provider: string;
  /** Where the delivery worker sends each of its events (SPEC §5); null: no callback. */
  callbackUrl: string | null;
}

interface IntegrationRow {
  id: string;
  tenant_id: string;
  provider: string;
  callback_url: string | null;
  credentials_sealed: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = 'id, tenant_id, provider, callback_url, credentials_sealed';

@Injectable()
export class IntegrationLookup {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: CredentialsCipher,
  ) {}

  /** The active integration `id` of `provider` with its own credentials (primary key). */
  async findActive(provider: string, id: string): Promise<{ integration: ActiveIntegration; credentials: ProviderCredentials } | null> {
    if (!UUID.test(id)) return null;
    const rows: IntegrationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM integrations WHERE id = $1 AND provider = $2 AND active`,
      [id.toLowerCase(), provider],
    );
    return rows[0] ? { integration: toIntegration(rows[0]), credentials: this.open(rows[0]) } : null;
  }

  /** The provider's active default integration (uq_integrations_default_per_provider); its credentials are the env values. */
  async findDefault(provider: string): Promise<ActiveIntegration | null> {
    const rows: IntegrationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM integrations WHERE provider = $1 AND is_default AND active`,
      [provider],
    );
    return rows[0] ? toIntegration(rows[0]) : null;
  }

  private open(row: IntegrationRow): ProviderCredentials {
    if (row.credentials_sealed === null) return {};
    try {
      return this.cipher.open(row.id, row.credentials_sealed);
    } catch {
      // a server fault (another INTEGRATION_CREDENTIALS_KEY, a damaged row), not the partner's: 500, never 401
      throw new Error(`the credentials of integration ${row.id} could not be opened with INTEGRATION_CREDENTIALS_KEY`);
    }
  }
}

function toIntegration(row: IntegrationRow): ActiveIntegration {
  return { id: row.id, tenantId: parseTenantId(row.tenant_id), provider: row.provider, callbackUrl: row.callback_url || null };
}
