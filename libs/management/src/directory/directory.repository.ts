// Writes of the management context's directory users and integrations (their only
// writer); upserts so seeding and the directory API are idempotent. Every method takes the
// TenantId first.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { TenantId, UserId } from '@herald/contracts';

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
}

@Injectable()
export class DirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

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
      `INSERT INTO integrations (id, tenant_id, provider, active, callback_url) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ON CONSTRAINT uq_integrations_tenant_provider
       DO UPDATE SET active = EXCLUDED.active, callback_url = EXCLUDED.callback_url, updated_at = now()`,
      [randomUUID(), tenantId, integration.provider, integration.active, integration.callbackUrl],
    );
  }
}
