// Test data factories: tenants with directory users, API keys, and accepted-event messages.
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventAcceptedMessage, parseTenantId, parseUserId, RecipientScope, Scope } from '@herald/contracts';
import { generateApiKey } from '@herald/platform/auth';

export interface UserFixture {
  id: string;
  roles?: string[];
  groups?: string[];
  attributes?: Record<string, unknown>;
}

/** Inserts (or refreshes) a tenant and its directory users. */
export async function seedTenant(dataSource: DataSource, tenantId: string, users: UserFixture[], plan = 'scale'): Promise<void> {
  await dataSource.query(
    `INSERT INTO tenants (id, name, plan) VALUES ($1, $1, $2) ON CONFLICT (id) DO UPDATE SET plan = EXCLUDED.plan`,
    [tenantId, plan],
  );
  for (const u of users) {
    await dataSource.query(
      `INSERT INTO directory_users (tenant_id, id, email, roles, groups, attributes)
       VALUES ($1, $2, $3, $4::text[], $5::text[], $6::jsonb)
       ON CONFLICT (tenant_id, id) DO UPDATE SET roles = EXCLUDED.roles, groups = EXCLUDED.groups, attributes = EXCLUDED.attributes`,
      [tenantId, u.id, `${u.id}@example.test`, u.roles ?? [], u.groups ?? [], JSON.stringify(u.attributes ?? {})],
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
