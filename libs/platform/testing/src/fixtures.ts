// Test data factories: tenants with directory users, API keys, provider integrations, and
// accepted-event messages.
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventAcceptedMessage, parseTenantId, parseUserId, RecipientScope, Scope } from '@herald/contracts';
import { CredentialsCipher, generateApiKey, IntegrationCredentials } from '@herald/platform/auth';
import { HeraldConfig } from '@herald/platform/config';

export interface UserFixture {
  id: string;
  roles?: string[];
  groups?: string[];
  attributes?: Record<string, unknown>;
  /** Default `<id>@example.test`; null for none. */
  email?: string | null;
  /** E.164; default none. */
  phone?: string | null;
}

/** Inserts (or refreshes) a tenant and its directory users. */
export async function seedTenant(dataSource: DataSource, tenantId: string, users: UserFixture[], plan = 'scale'): Promise<void> {
  await dataSource.query(
    `INSERT INTO tenants (id, name, plan) VALUES ($1, $1, $2) ON CONFLICT (id) DO UPDATE SET plan = EXCLUDED.plan`,
    [tenantId, plan],
  );
  for (const u of users) {
    await dataSource.query(
      `INSERT INTO directory_users (tenant_id, id, email, phone, roles, groups, attributes)
       VALUES ($1, $2, $3, $4, $5::text[], $6::text[], $7::jsonb)
       ON CONFLICT (tenant_id, id) DO UPDATE
         SET email = EXCLUDED.email, phone = EXCLUDED.phone, roles = EXCLUDED.roles, groups = EXCLUDED.groups, attributes = EXCLUDED.attributes`,
      [tenantId, u.id, u.email === undefined ? `${u.id}@example.test` : u.email, u.phone ?? null, u.roles ?? [], u.groups ?? [], JSON.stringify(u.attributes ?? {})],
    );
  }
}

export interface ApiKeyFixture {
  scopes?: Scope[];
  expiresAt?: Date | null;
  revokedAt?: Date | null;
  graceUntil?: Date | null;
}

/** Inserts an API key of the tenant (which must exist); returns its id and the key to present. */
export async function seedApiKey(dataSource: DataSource, tenantId: string, fixture: ApiKeyFixture = {}): Promise<{ id: string; key: string }> {
  const id = randomUUID();
  const { key, prefix, hash } = generateApiKey();
  await dataSource.query(
    `INSERT INTO api_keys (id, tenant_id, name, prefix, hash, scopes, expires_at, revoked_at, grace_until)
     VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9)`,
    [id, tenantId, `test key ${prefix}`, prefix, hash, fixture.scopes ?? [], fixture.expiresAt ?? null, fixture.revokedAt ?? null, fixture.graceUntil ?? null],
  );
  return { id, key };
}

export interface IntegrationFixture {
  provider: string;
  active?: boolean;
  /** The provider's default integration (POST /webhooks/:provider); at most one per provider. */
  isDefault?: boolean;
  callbackUrl?: string | null;
  /** Sealed with the app's INTEGRATION_CREDENTIALS_KEY, as management stores them. */
  credentials?: IntegrationCredentials;
}

/** Inserts an integration of the tenant (which must exist); returns its id. */
export async function seedIntegration(
  dataSource: DataSource,
  config: Pick<HeraldConfig, 'integrationCredentialsKey'>,
  tenantId: string,
  fixture: IntegrationFixture,
): Promise<string> {
  const id = randomUUID();
  const sealed = fixture.credentials ? CredentialsCipher.fromConfig(config).seal(id, fixture.credentials) : null;
  await dataSource.query(
    `INSERT INTO integrations (id, tenant_id, provider, active, is_default, callback_url, credentials_sealed)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, tenantId, fixture.provider, fixture.active ?? true, fixture.isDefault ?? false, fixture.callbackUrl ?? null, sealed],
  );
  return id;
}

/** Overrides of eventMessage, ids as plain strings: the factory types them. */
export type EventMessageOverrides = Omit<Partial<EventAcceptedMessage>, 'tenant_id' | 'recipients'> & {
  tenant_id: string;
  recipients?: Omit<RecipientScope, 'users'> & { users?: string[] };
};

/** An event.accepted message as the relay publishes it; override any field. */
export function eventMessage({ tenant_id, recipients, ...overrides }: EventMessageOverrides): EventAcceptedMessage {
  const now = new Date().toISOString();
  return {
    contract_version: 1,
    event_id: randomUUID(),
    kind: 'business',
    type: 'revenue_impact',
    source: 'test',
    schema_version: 1,
    occurred_at: now,
    received_at: now,
    payload: { impact_amount: 1, impact_type: 'increase' },
    customer_id: null,
    ...overrides,
    tenant_id: parseTenantId(tenant_id),
    ...(recipients ? { recipients: typedRecipients(recipients) } : {}),
  };
}

function typedRecipients({ users, ...scope }: NonNullable<EventMessageOverrides['recipients']>): RecipientScope {
  return users ? { ...scope, users: users.map((user) => parseUserId(user)) } : scope;
}
