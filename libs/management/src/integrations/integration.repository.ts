// Writes and reads of integrations, whose only writer is the management context (the ingress
// reads them through its IntegrationLookup): create and update, each with its audit entry in
// one transaction. Credentials arrive sealed (bound to the row id) and are never read back:
// reads say only whether there are any.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ConflictError, UnprocessableError } from '@herald/contracts';
import { isDataError } from '@herald/platform/persistence';
import { AuditEntry } from '../audit/audit-entry';
import { recordAudit } from '../audit/audit.repository';
import { PageWindow, queryPage } from '../paging';
import { IntegrationView } from './integration.dto';

export interface NewIntegration {
  id: string;
  provider: string;
  active: boolean;
  callbackUrl: string | null;
  isDefault: boolean;
  credentialsSealed: string | null;
}

/** What a PATCH changes: an absent field stays; `callbackUrl: null` clears it. */
export interface IntegrationChanges {
  active?: boolean;
  callbackUrl?: string | null;
  isDefault?: boolean;
  credentialsSealed?: string;
}

export interface IntegrationFilter {
  provider?: string;
  tenantId?: string;
  activeOnly: boolean;
}

type IntegrationRow = Omit<IntegrationView, 'created_at' | 'updated_at'> & { created_at: Date; updated_at: Date };

const COLUMNS = `id, tenant_id, provider, active, callback_url, is_default, credentials_sealed IS NOT NULL AS has_credentials, created_at, updated_at`;

// clock_timestamp(): a change right after the create still moves updated_at
const UPDATE = `
  UPDATE integrations
     SET active = COALESCE($2, active),
         callback_url = CASE WHEN $3::boolean THEN $4 ELSE callback_url END,
         is_default = COALESCE($5, is_default),
         credentials_sealed = COALESCE($6, credentials_sealed),
         updated_at = clock_timestamp()
   WHERE id = $1
  RETURNING ${COLUMNS}`;

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

@Injectable()
export class IntegrationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** 422 `tenant_id` for a tenant that does not exist; 409 for a second integration of the provider in the tenant, or a second default. */
  async create(tenantId: string, integration: NewIntegration, audit: AuditEntry): Promise<IntegrationView> {
    const row = await this.audited(audit, (tx) =>
      tx.query(
        `INSERT INTO integrations (id, tenant_id, provider, active, callback_url, is_default, credentials_sealed)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [integration.id, tenantId, integration.provider, integration.active, integration.callbackUrl, integration.isDefault, integration.credentialsSealed],
      ),
    );
    return toView(row as IntegrationRow);
  }

  /** The changed integration, or null when there is none; 409 for a second default of the provider. */
  async update(id: string, changes: IntegrationChanges, audit: AuditEntry): Promise<IntegrationView | null> {
    const params = [id, changes.active ?? null, changes.callbackUrl !== undefined, changes.callbackUrl ?? null, changes.isDefault ?? null, changes.credentialsSealed ?? null];
    // an UPDATE answers [rows, count]
    const row = await this.audited(audit, async (tx) => ((await tx.query(UPDATE, params)) as [IntegrationRow[], number])[0]);
    return row ? toView(row) : null;
  }

  async find(id: string): Promise<IntegrationView | null> {
    const rows: IntegrationRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM integrations WHERE id = $1`, [id]);
    return rows[0] ? toView(rows[0]) : null;
  }

  /** One page of integrations across tenants, newest first. */
  async list(window: PageWindow, filter: IntegrationFilter): Promise<{ items: IntegrationView[]; total: number }> {
    const select = `SELECT ${COLUMNS} FROM integrations
      WHERE ($1::text IS NULL OR provider = $1) AND ($2::text IS NULL OR tenant_id = $2) AND (NOT $3::boolean OR active)`;
    const params = [filter.provider ?? null, filter.tenantId ?? null, filter.activeOnly];
    const { rows, total } = await queryPage<IntegrationRow>(this.dataSource, select, params, 'created_at DESC, id', window);
    return { items: rows.map(toView), total };
  }

  /** Runs the write and its audit entry in one transaction (no entry when it found no row); turns constraint violations into 409/422. */
  private async audited<T>(audit: AuditEntry, write: (tx: EntityManager) => Promise<T[]>): Promise<T | undefined> {
    try {
      return await this.dataSource.transaction(async (tx) => {
        const [row] = await write(tx);
        if (row !== undefined) await recordAudit(tx, audit);
        return row;
      });
    } catch (err) {
      throw constraintError(err) ?? err;
    }
  }
}

function constraintError(err: unknown): Error | undefined {
  if (!isDataError(err)) return undefined;
  const { code, constraint } = err as { code?: string; constraint?: string };
  if (code === FOREIGN_KEY_VIOLATION) return new UnprocessableError('The integration is invalid', [{ path: 'tenant_id', message: 'no such tenant' }]);
  if (code !== UNIQUE_VIOLATION) return undefined;
  if (constraint === 'uq_integrations_default_per_provider') {
    return new ConflictError('the provider already has a default integration', { field: 'is_default' });
  }
  if (constraint === 'uq_integrations_tenant_provider') return new ConflictError('the tenant already has an integration of this provider', { field: 'provider' });
  return undefined;
}

function toView(row: IntegrationRow): IntegrationView {
  return { ...row, created_at: row.created_at.toISOString(), updated_at: row.updated_at.toISOString() };
}
