// Writes of api_keys, whose only writer is the management context (the platform's guard reads
// it through its own ApiKeyLookup). Today: last_used_at from the guards' usage reports.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeyUse } from '@herald/contracts';

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

  /** Applies the latest use of each key (a report spans tenants: each use carries its TenantId). */
  async recordUses(uses: ApiKeyUse[]): Promise<void> {
    await this.dataSource.query(RECORD_USES, [uses.map((u) => u.api_key_id), uses.map((u) => u.tenant_id), uses.map((u) => u.last_used_at)]);
  }
}
