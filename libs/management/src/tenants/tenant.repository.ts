// Writes and reads of tenants (the management context is their only writer); each write
// commits with its audit entry.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantId } from '@herald/contracts';
import { AuditEntry } from '../audit/audit-entry';
import { recordAudit } from '../audit/audit.repository';
import { PageWindow, queryPage } from '../paging';
import { Plan } from './plan';
import { TenantView } from './tenant.dto';

export interface TenantInput {
  name: string;
  plan: Plan;
}

interface TenantRow {
  id: string;
  name: string;
  plan: Plan;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, name, plan, created_at, updated_at`;

@Injectable()
export class TenantRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates or refreshes a tenant (the demo seed). */
  async upsert(tenantId: TenantId, tenant: TenantInput): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO tenants (id, name, plan) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, plan = EXCLUDED.plan, updated_at = now()`,
      [tenantId, tenant.name, tenant.plan],
    );
  }

  /** The new tenant, or null when the id is taken. */
  async create(tenantId: TenantId, tenant: TenantInput, audit: AuditEntry): Promise<TenantView | null> {
    return this.dataSource.transaction(async (tx) => {
      const rows: TenantRow[] = await tx.query(
        `INSERT INTO tenants (id, name, plan) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING ${COLUMNS}`,
        [tenantId, tenant.name, tenant.plan],
      );
      if (rows.length === 0) return null;
      await recordAudit(tx, audit);
      return toView(rows[0]);
    });
  }

  /** The tenant after the change, or null when there is none. */
  async update(tenantId: TenantId, change: Partial<TenantInput>, audit: AuditEntry): Promise<TenantView | null> {
    return this.dataSource.transaction(async (tx) => {
      // an UPDATE answers [rows, count]
      const [rows]: [TenantRow[], number] = await tx.query(
        `UPDATE tenants SET name = coalesce($2, name), plan = coalesce($3, plan), updated_at = now()
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [tenantId, change.name ?? null, change.plan ?? null],
      );
      if (rows.length === 0) return null;
      await recordAudit(tx, audit);
      return toView(rows[0]);
    });
  }

  async find(tenantId: TenantId): Promise<TenantView | null> {
    const rows: TenantRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM tenants WHERE id = $1`, [tenantId]);
    return rows[0] ? toView(rows[0]) : null;
  }

  /** The tenant's plan, or null for a tenant that does not exist. */
  async planOf(tenantId: TenantId): Promise<Plan | null> {
    const rows: Array<{ plan: Plan }> = await this.dataSource.query(`SELECT plan FROM tenants WHERE id = $1`, [tenantId]);
    return rows[0]?.plan ?? null;
  }

  /** One page of tenants, newest first (idx_tenants_by_created), optionally of one plan. */
  async list(window: PageWindow, plan?: Plan): Promise<{ items: TenantView[]; total: number }> {
    const select = `SELECT ${COLUMNS} FROM tenants WHERE ($1::text IS NULL OR plan = $1)`;
    const { rows, total } = await queryPage<TenantRow>(this.dataSource, select, [plan ?? null], 'created_at DESC, id', window);
    return { items: rows.map(toView), total };
  }
}

function toView(row: TenantRow): TenantView {
  return { id: row.id, name: row.name, plan: row.plan, created_at: row.created_at.toISOString(), updated_at: row.updated_at.toISOString() };
}
