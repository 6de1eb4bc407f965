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

  /** Every user of the tenant (rule-based recipients are matched in memory). */
  async findAll(tenantId: TenantId): Promise<DirectoryEntry[]> {
    return this.dataSource.query('SELECT id, roles, groups, attributes FROM directory_users WHERE tenant_id = $1', [tenantId]);
  }
}
