// Writes of the management context's tenants, directory users and integrations (their only
// writer); upserts so seeding and the directory API are idempotent. Every method takes the
// TenantId first.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { TenantId, UserId } from '@herald/contracts';
import { Plan } from '@herald/platform/persistence';

export interface TenantInput {
  name: string;
  plan: Plan;
}

export interface DirectoryUserInput {
  id: UserId;
  email?: string | null;
  phone?: string | null;
  roles: string[];
  groups: string[];
  attributes?: Record<string, unknown>;
}

export interface IntegrationInput {
  provider: string;
  active: boolean;
  callbackUrl: string | null;
  /** The integration `POST /webhooks/:provider` targets (at most one per provider); its credentials are the env values. */
  isDefault?: boolean;
}

@Injectable()
export class DirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsertTenant(tenantId: TenantId, tenant: TenantInput): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO tenants (id, name, plan) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, plan = EXCLUDED.plan, updated_at = now()`,
      [tenantId, tenant.name, tenant.plan],
    );
  }

  async upsertUser(tenantId: TenantId, user: DirectoryUserInput): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO directory_users (tenant_id, id, email, phone, roles, groups, attributes)
       VALUES ($1, $2, $3, $4, $5::text[], $6::text[], $7::jsonb)
       ON CONFLICT (tenant_id, id) DO UPDATE SET email = EXCLUDED.email, phone = EXCLUDED.phone, roles = EXCLUDED.roles,
         groups = EXCLUDED.groups, attributes = EXCLUDED.attributes, updated_at = now()`,
      [tenantId, user.id, user.email ?? null, user.phone ?? null, user.roles, user.groups, JSON.stringify(user.attributes ?? {})],
    );
  }

  async upsertIntegration(tenantId: TenantId, integration: IntegrationInput): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO integrations (id, tenant_id, provider, active, callback_url, is_default) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT uq_integrations_tenant_provider
       DO UPDATE SET active = EXCLUDED.active, callback_url = EXCLUDED.callback_url, is_default = EXCLUDED.is_default, updated_at = now()`,
      [randomUUID(), tenantId, integration.provider, integration.active, integration.callbackUrl, integration.isDefault ?? false],
    );
  }
}
