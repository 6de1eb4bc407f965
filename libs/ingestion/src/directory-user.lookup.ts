// Read-only view of the management context's directory_users for the ingestion context: which
// of the user ids a trigger names exist in the caller's tenant. Never writes; one query per
// trigger, always inside one tenant (a user of another tenant does not exist here).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantId, UserId } from '@herald/contracts';

@Injectable()
export class DirectoryUserLookup {
  constructor(private readonly dataSource: DataSource) {}

  /** The subset of `ids` that are users of the tenant (served by the (tenant_id, id) primary key). */
  async existingUserIds(tenantId: TenantId, ids: readonly UserId[]): Promise<Set<UserId>> {
    if (ids.length === 0) return new Set();
    const rows: Array<{ id: UserId }> = await this.dataSource.query(
      'SELECT id FROM directory_users WHERE tenant_id = $1 AND id = ANY($2::text[])',
      [tenantId, [...new Set(ids)]],
    );
    return new Set(rows.map((row) => row.id));
  }
}
