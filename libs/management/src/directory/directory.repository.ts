// Writes and reads of the management context's directory users and integrations (their only
// writer). Directory writes through the API commit with their audit entry; upserts keep
// seeding idempotent. Every method takes the TenantId first.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { NotFoundError, TenantId, UserId } from '@herald/contracts';
import { isDataError } from '@herald/platform/persistence';
import { AuditEntry } from '../audit/audit-entry';
import { recordAudit } from '../audit/audit.repository';
import { PageWindow, queryPage } from '../paging';
import { DirectoryUserView } from './directory-user.dto';

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

export interface DirectoryUserFilter {
  role?: string;
  group?: string;
}

type DirectoryUserRow = Omit<DirectoryUserView, 'created_at' | 'updated_at'> & { created_at: Date; updated_at: Date; inserted?: boolean };

const COLUMNS = `id, email, phone, roles, groups, attributes, created_at, updated_at`;

// xmax = 0 only on a freshly inserted row: tells PUT's 201 from its 200
const UPSERT_USER = `
  INSERT INTO directory_users (tenant_id, id, email, phone, roles, groups, attributes)
  VALUES ($1, $2, $3, $4, $5::text[], $6::text[], $7::jsonb)
  ON CONFLICT (tenant_id, id) DO UPDATE SET email = EXCLUDED.email, phone = EXCLUDED.phone, roles = EXCLUDED.roles,
    groups = EXCLUDED.groups, attributes = EXCLUDED.attributes, updated_at = now()
  RETURNING ${COLUMNS}, (xmax = 0) AS inserted`;

const FOREIGN_KEY_VIOLATION = '23503';

@Injectable()
export class DirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async upsertUser(tenantId: TenantId, user: DirectoryUserInput): Promise<void> {
    await this.dataSource.query(UPSERT_USER, userParams(tenantId, user));
  }

  /** Creates or replaces the user; 404 when the tenant does not exist. */
  async putUser(tenantId: TenantId, user: DirectoryUserInput, audit: AuditEntry): Promise<{ user: DirectoryUserView; created: boolean }> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const rows: DirectoryUserRow[] = await tx.query(UPSERT_USER, userParams(tenantId, user));
        await recordAudit(tx, audit);
        return { user: toView(rows[0]), created: rows[0].inserted === true };
      });
    } catch (err) {
      if (isDataError(err) && (err as { code?: string }).code === FOREIGN_KEY_VIOLATION) throw new NotFoundError('tenant', tenantId);
      throw err;
    }
  }

  /** True when the user existed and is deleted. */
  async deleteUser(tenantId: TenantId, id: UserId, audit: AuditEntry): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      // a DELETE answers [rows, count]
      const [rows]: [unknown[], number] = await tx.query(`DELETE FROM directory_users WHERE tenant_id = $1 AND id = $2 RETURNING id`, [tenantId, id]);
      if (rows.length === 0) return false;
      await recordAudit(tx, audit);
      return true;
    });
  }

  async findUser(tenantId: TenantId, id: UserId): Promise<DirectoryUserView | null> {
    const rows: DirectoryUserRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM directory_users WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    return rows[0] ? toView(rows[0]) : null;
  }

  /** One page of the tenant's users by id (the primary key; role and group by their GIN indexes). */
  async listUsers(tenantId: TenantId, window: PageWindow, filter: DirectoryUserFilter): Promise<{ items: DirectoryUserView[]; total: number }> {
    const select = `SELECT ${COLUMNS} FROM directory_users
      WHERE tenant_id = $1 AND ($2::text IS NULL OR roles @> ARRAY[$2::text]) AND ($3::text IS NULL OR groups @> ARRAY[$3::text])`;
    const params = [tenantId, filter.role ?? null, filter.group ?? null];
    const { rows, total } = await queryPage<DirectoryUserRow>(this.dataSource, select, params, 'id', window);
    return { items: rows.map(toView), total };
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

function userParams(tenantId: TenantId, user: DirectoryUserInput): unknown[] {
  return [tenantId, user.id, user.email ?? null, user.phone ?? null, user.roles, user.groups, JSON.stringify(user.attributes ?? {})];
}

function toView(row: DirectoryUserRow): DirectoryUserView {
  const { inserted: _inserted, created_at, updated_at, ...user } = row;
  return { ...user, created_at: created_at.toISOString(), updated_at: updated_at.toISOString() };
}
