// Writes and reads of webhook_subscriptions, whose only writer is the management context (the
// delivery worker reads them through its own reader): create, update, rotate-secret, delete,
// each with its audit entry in one transaction. Reads never return a sealed secret.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantId } from '@herald/contracts';
import { AuditEntry } from '../audit/audit-entry';
import { recordAudit } from '../audit/audit.repository';
import { PageWindow, queryPage } from '../paging';
import { WebhookSubscriptionView } from './webhook-subscription.dto';

/** A subscription to store: its secret is already sealed, bound to `id`. */
export interface NewWebhookSubscription {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  secretSealed: string;
}

/** What a PATCH changes: an absent field stays; `description: null` clears it. */
export interface WebhookSubscriptionChanges {
  url?: string;
  description?: string | null;
  eventTypes?: string[];
  enabled?: boolean;
}

export interface WebhookSubscriptionRow {
  id: string;
  url: string;
  description: string | null;
  event_types: string[];
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
  previous_secret_expires_at: Date | null;
  /** Read with the row (not returned by a write, which moves updated_at past any such disable). */
  endpoint_disabled_at?: Date | null;
  endpoint_disabled_reason?: string | null;
}

const COLUMNS = `id, url, description, event_types, enabled, created_at, updated_at, previous_secret_expires_at`;

// the delivery worker's own "this endpoint is off" (a 410, 5 days of failure), read-only from its
// webhook_endpoint_states, while no change of the subscription came after it (that re-opens it)
const READ = `
  SELECT s.id, s.url, s.description, s.event_types, s.enabled, s.created_at, s.updated_at, s.previous_secret_expires_at,
         e.disabled_at AS endpoint_disabled_at, e.disabled_reason AS endpoint_disabled_reason
    FROM webhook_subscriptions s
    LEFT JOIN webhook_endpoint_states e ON e.subscription_id = s.id AND e.disabled_at > s.updated_at
   WHERE s.tenant_id = $1`;

// clock_timestamp(): a change right after the create still moves updated_at
const UPDATE = `
  UPDATE webhook_subscriptions
     SET url = COALESCE($3, url),
         description = CASE WHEN $4::boolean THEN $5 ELSE description END,
         event_types = COALESCE($6::text[], event_types),
         enabled = COALESCE($7, enabled),
         updated_at = clock_timestamp()
   WHERE tenant_id = $1 AND id = $2
  RETURNING ${COLUMNS}`;

// the current secret (sealed for this row id) moves as is: it still opens for the same row
const ROTATE = `
  UPDATE webhook_subscriptions
     SET previous_secret_sealed = secret_sealed,
         previous_secret_expires_at = $4,
         secret_sealed = $3,
         updated_at = clock_timestamp()
   WHERE tenant_id = $1 AND id = $2
  RETURNING ${COLUMNS}`;

@Injectable()
export class WebhookSubscriptionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(tenantId: TenantId, subscription: NewWebhookSubscription, audit: AuditEntry): Promise<WebhookSubscriptionRow> {
    return this.dataSource.transaction(async (tx) => {
      const rows: WebhookSubscriptionRow[] = await tx.query(
        `INSERT INTO webhook_subscriptions (id, tenant_id, url, description, event_types, enabled, secret_sealed)
         VALUES ($1, $2, $3, $4, $5::text[], $6, $7) RETURNING ${COLUMNS}`,
        [subscription.id, tenantId, subscription.url, subscription.description, subscription.eventTypes, subscription.enabled, subscription.secretSealed],
      );
      await recordAudit(tx, audit);
      return rows[0];
    });
  }

  /** The changed row, or null when it is not the tenant's. */
  async update(tenantId: TenantId, id: string, changes: WebhookSubscriptionChanges, audit: AuditEntry): Promise<WebhookSubscriptionRow | null> {
    const params = [tenantId, id, changes.url ?? null, changes.description !== undefined, changes.description ?? null, changes.eventTypes ?? null, changes.enabled ?? null];
    return this.changeAudited(UPDATE, params, audit);
  }

  /** Seals `secretSealed` as the current secret, the old one signing until `previousUntil`; null when not the tenant's. */
  async rotateSecret(tenantId: TenantId, id: string, secretSealed: string, previousUntil: Date, audit: AuditEntry): Promise<WebhookSubscriptionRow | null> {
    return this.changeAudited(ROTATE, [tenantId, id, secretSealed, previousUntil], audit);
  }

  /** True when the tenant's subscription was there and is gone. */
  async delete(tenantId: TenantId, id: string, audit: AuditEntry): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const [deleted]: [unknown[], number] = await tx.query(`DELETE FROM webhook_subscriptions WHERE tenant_id = $1 AND id = $2 RETURNING id`, [tenantId, id]);
      if (deleted.length === 0) return false;
      await recordAudit(tx, audit);
      return true;
    });
  }

  async find(tenantId: TenantId, id: string): Promise<WebhookSubscriptionRow | null> {
    const rows: WebhookSubscriptionRow[] = await this.dataSource.query(`${READ} AND s.id = $2`, [tenantId, id]);
    return rows[0] ?? null;
  }

  /** One page of the tenant's subscriptions, newest first (idx_webhook_subscriptions_by_tenant). */
  async list(tenantId: TenantId, window: PageWindow): Promise<{ rows: WebhookSubscriptionRow[]; total: number }> {
    return queryPage<WebhookSubscriptionRow>(this.dataSource, READ, [tenantId], 'created_at DESC, id', window);
  }

  private async changeAudited(sql: string, params: unknown[], audit: AuditEntry): Promise<WebhookSubscriptionRow | null> {
    return this.dataSource.transaction(async (tx) => {
      // an UPDATE answers [rows, count]
      const [changed]: [WebhookSubscriptionRow[], number] = await tx.query(sql, params);
      if (!changed[0]) return null;
      await recordAudit(tx, audit);
      return changed[0];
    });
  }
}

export function webhookSubscriptionView(row: WebhookSubscriptionRow): WebhookSubscriptionView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    event_types: row.event_types,
    enabled: row.enabled,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
    previous_secret_expires_at: row.previous_secret_expires_at ? row.previous_secret_expires_at.toISOString() : null,
    endpoint_disabled: row.endpoint_disabled_at ? { at: row.endpoint_disabled_at.toISOString(), reason: row.endpoint_disabled_reason ?? '' } : null,
  };
}
