// Writes and reads of api_keys, whose only writer is the management context (every app's
// guard reads it through the auth lib's ApiKeyLookup): create, rotate, revoke, each with
// its audit entry in one transaction; last_used_at from the guards' usage reports. Never
// returns a hash.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeyUse, TenantId } from '@herald/contracts';
import { AuditEntry } from '../audit/audit-entry';
import { recordAudit } from '../audit/audit.repository';
import { PageWindow, queryPage } from '../paging';
import { ApiKeyView } from './api-key.dto';

/** A key to store: its secret is already reduced to prefix and hash. */
export interface NewApiKey {
  id: string;
  name: string;
  prefix: string;
  hash: string;
  scopes: string[];
  rateLimit: number;
  expiresAt: Date | null;
}

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  rate_limit: number;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  grace_until: Date | null;
  rotated_from: string | null;
}

/** What a rotation found: the key is not the tenant's, or cannot be rotated (revoked, rotated, expired). */
export type RotateOutcome = { rotated: ApiKeyRow; successor: ApiKeyRow } | 'not_found' | 'not_rotatable';

const COLUMNS = `id, name, prefix, scopes, rate_limit, created_at, expires_at, last_used_at, revoked_at, grace_until, rotated_from`;

const INSERT_KEY = `
  INSERT INTO api_keys (id, tenant_id, name, prefix, hash, scopes, rate_limit, expires_at, rotated_from)
  VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9)
  ON CONFLICT (tenant_id, name) WHERE revoked_at IS NULL AND grace_until IS NULL DO NOTHING
  RETURNING ${COLUMNS}`;

/**
 * One statement for a whole report. A use only moves last_used_at forward (a late or
 * redelivered report changes nothing), the key must belong to the tenant the use names, and
 * rows already as recent are not rewritten (no dead tuple per report for an idle key).
 */
const RECORD_USES = `
  UPDATE api_keys k
     SET last_used_at = GREATEST(coalesce(k.last_used_at, '-infinity'), u.used_at)
    FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS u (id, tenant_id, used_at)
   WHERE k.id = u.id AND k.tenant_id = u.tenant_id
     AND (k.last_used_at IS NULL OR k.last_used_at < u.used_at)`;

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The stored key, or null when the tenant already has a live key of that name. */
  async create(tenantId: TenantId, key: NewApiKey, audit: AuditEntry): Promise<ApiKeyRow | null> {
    return this.dataSource.transaction(async (tx) => {
      const rows: ApiKeyRow[] = await tx.query(INSERT_KEY, [...insertParams(tenantId, key), null]);
      if (rows.length === 0) return null;
      await recordAudit(tx, audit);
      return rows[0];
    });
  }

  /**
   * Ends the key at `graceUntil` and stores its successor (same name, scopes and limit),
   * under a row lock so two rotations of one key cannot both succeed.
   */
  async rotate(tenantId: TenantId, id: string, successor: Omit<NewApiKey, 'name' | 'scopes' | 'rateLimit' | 'expiresAt'>, graceUntil: Date, audit: AuditEntry): Promise<RotateOutcome> {
    return this.dataSource.transaction(async (tx) => {
      const found: ApiKeyRow[] = await tx.query(`SELECT ${COLUMNS} FROM api_keys WHERE tenant_id = $1 AND id = $2 FOR UPDATE`, [tenantId, id]);
      const old = found[0];
      if (!old) return 'not_found';
      if (old.revoked_at || old.grace_until || (old.expires_at && old.expires_at <= new Date())) return 'not_rotatable';
      const [ended]: [ApiKeyRow[], number] = await tx.query(`UPDATE api_keys SET grace_until = $3 WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`, [tenantId, id, graceUntil]);
      const next = { ...successor, name: old.name, scopes: old.scopes, rateLimit: old.rate_limit, expiresAt: old.expires_at };
      const stored: ApiKeyRow[] = await tx.query(INSERT_KEY, [...insertParams(tenantId, next), old.id]);
      await recordAudit(tx, audit);
      return { rotated: ended[0], successor: stored[0] };
    });
  }

  /** Revokes the key once (a second revoke changes and audits nothing); null when it is not the tenant's. */
  async revoke(tenantId: TenantId, id: string, audit: AuditEntry): Promise<ApiKeyRow | null> {
    return this.dataSource.transaction(async (tx) => {
      // an UPDATE answers [rows, count]
      const [revoked]: [ApiKeyRow[], number] = await tx.query(
        `UPDATE api_keys SET revoked_at = now() WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
        [tenantId, id],
      );
      if (revoked[0]) {
        await recordAudit(tx, audit);
        return revoked[0];
      }
      const rows: ApiKeyRow[] = await tx.query(`SELECT ${COLUMNS} FROM api_keys WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
      return rows[0] ?? null;
    });
  }

  async find(tenantId: TenantId, id: string): Promise<ApiKeyRow | null> {
    const rows: ApiKeyRow[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM api_keys WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
    return rows[0] ?? null;
  }

  /** One page of the tenant's keys, newest first (idx_api_keys_by_tenant). */
  async list(tenantId: TenantId, window: PageWindow): Promise<{ rows: ApiKeyRow[]; total: number }> {
    return queryPage<ApiKeyRow>(this.dataSource, `SELECT ${COLUMNS} FROM api_keys WHERE tenant_id = $1`, [tenantId], 'created_at DESC, id', window);
  }

  /** Applies the latest use of each key (a report spans tenants: each use carries its TenantId). */
  async recordUses(uses: ApiKeyUse[]): Promise<void> {
    await this.dataSource.query(RECORD_USES, [uses.map((u) => u.api_key_id), uses.map((u) => u.tenant_id), uses.map((u) => u.last_used_at)]);
  }
}

function insertParams(tenantId: TenantId, key: NewApiKey): unknown[] {
  return [key.id, tenantId, key.name, key.prefix, key.hash, key.scopes, key.rateLimit, key.expiresAt];
}

/** The API's view of a row at `now` (its status depends on the clock: expiry and grace). */
export function apiKeyView(row: ApiKeyRow, now: Date): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    rate_limit: row.rate_limit,
    status: statusOf(row, now),
    created_at: row.created_at.toISOString(),
    expires_at: iso(row.expires_at),
    last_used_at: iso(row.last_used_at),
    revoked_at: iso(row.revoked_at),
    grace_until: iso(row.grace_until),
    rotated_from: row.rotated_from,
  };
}

function statusOf(row: ApiKeyRow, now: Date): ApiKeyView['status'] {
  if (row.revoked_at) return 'revoked';
  if (row.grace_until) return 'rotated';
  return row.expires_at && row.expires_at <= now ? 'expired' : 'active';
}

function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}
