// Read-only view of the management context's user directory, for recipient resolution:
// always inside one tenant.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantId, UserId } from '@herald/contracts';

export interface DirectoryEntry {
  id: UserId;
  roles: string[];
  groups: string[];
  attributes: Record<string, unknown>;
}

export interface UserContact {
  email: string | null;
  phone: string | null;
}

@Injectable()
export class DirectoryReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Users of the tenant named by id, or holding any of the roles or groups. */
  async findMatching(
    tenantId: TenantId,
    ids: readonly UserId[],
    roles: readonly string[],
    groups: readonly string[],
  ): Promise<DirectoryEntry[]> {
    if (ids.length + roles.length + groups.length === 0) return [];
    return this.dataSource.query(
      `SELECT id, roles, groups, attributes FROM directory_users
       WHERE tenant_id = $1 AND (id = ANY($2::text[]) OR roles && $3::text[] OR groups && $4::text[])`,
      [tenantId, ids, roles, groups],
    );
  }

  /** The email address and phone number of these users of the tenant (for the email and SMS fan-out). */
  async contacts(tenantId: TenantId, ids: readonly UserId[]): Promise<Map<UserId, UserContact>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: UserId; email: string | null; phone: string | null }> = await this.dataSource.query(
      'SELECT id, email, phone FROM directory_users WHERE tenant_id = $1 AND id = ANY($2::text[])',
      [tenantId, ids],
    );
    return new Map(rows.map((row) => [row.id, { email: row.email, phone: row.phone }]));
  }

  /** Every user of the tenant (rule-based recipients are matched in memory). */
  async findAll(tenantId: TenantId): Promise<DirectoryEntry[]> {
    return this.dataSource.query('SELECT id, roles, groups, attributes FROM directory_users WHERE tenant_id = $1', [tenantId]);
  }
}
