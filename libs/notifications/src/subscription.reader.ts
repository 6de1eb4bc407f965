// Read-only view of the management context's webhook subscriptions, for the channel fan-out:
// a tenant's enabled subscriptions whose filter takes an event type — exactly, by a wildcard
// such as `lead.*` (any type under `lead.`), or every type when the filter is empty — and
// only while the tenant's plan includes webhooks (seed 003: a downgrade stops the fan-out
// without deleting the subscriptions; an upgrade brings it back).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FEATURE_MIN_PLAN, PLANS, TenantId } from '@herald/contracts';

/** The plans that include outbound webhooks. */
const WEBHOOK_PLANS = PLANS.slice(PLANS.indexOf(FEATURE_MIN_PLAN.webhooks));

@Injectable()
export class SubscriptionReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Ids of the tenant's enabled subscriptions that take `type`, in a stable order. */
  async matching(tenantId: TenantId, type: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM webhook_subscriptions
       WHERE tenant_id = $1 AND enabled
         AND EXISTS (SELECT 1 FROM tenants t WHERE t.id = $1 AND t.plan = ANY($3::text[]))
         AND (cardinality(event_types) = 0
              OR EXISTS (SELECT 1 FROM unnest(event_types) AS f
                         WHERE f = $2 OR (right(f, 2) = '.*' AND starts_with($2, left(f, -1)))))
       ORDER BY id`,
      [tenantId, type, WEBHOOK_PLANS],
    );
    return rows.map((row) => row.id);
  }
}
