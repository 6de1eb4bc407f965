// The platform's read-only API-key lookup (SPEC §3): finds a key by its prefix for the
// access guard (API_KEY_SOURCE) in every app that has the database — the gateway included.
// The management context owns api_keys; creating, rotating and revoking keys is its job.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeySource, StoredApiKey } from './api-key';

interface ApiKeyRow {
  id: string;
  tenant_id: string;
  hash: string;
  scopes: string[];
  rate_limit: number;
  expires_at: Date | null;
  revoked_at: Date | null;
  grace_until: Date | null;
  plan: string | null;
}

@Injectable()
export class ApiKeyLookup implements ApiKeySource {
  constructor(private readonly dataSource: DataSource) {}

  async findByPrefix(prefix: string): Promise<StoredApiKey | null> {
    const rows: ApiKeyRow[] = await this.dataSource.query(
      `SELECT k.id, k.tenant_id, k.hash, k.scopes, k.rate_limit, k.expires_at, k.revoked_at, k.grace_until, t.plan
       FROM api_keys k LEFT JOIN tenants t ON t.id = k.tenant_id WHERE k.prefix = $1`,
      [prefix],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      hash: row.hash,
      scopes: row.scopes,
      rateLimit: row.rate_limit,
      expiresAt: row.expires_at,
      revokedAt: row.revoked_at,
      graceUntil: row.grace_until,
      tenantPlan: row.plan,
    };
  }
}
