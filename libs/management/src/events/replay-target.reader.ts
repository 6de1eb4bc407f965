// What a replay re-delivers to, read at the time of the replay (SPEC §9: the CURRENT
// subscriptions and callback): the event as the event store keeps it, the tenant's enabled
// webhook subscriptions, and whether the integration the event came through has a callback.
// Read-only.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isUUID } from 'class-validator';

export interface ReplayableEvent {
  id: string;
  tenant_id: string;
  type: string;
  occurred_at: Date;
  payload: Record<string, unknown>;
  integration_id: string | null;
}

export interface SubscriptionFilter {
  id: string;
  event_types: string[];
}

@Injectable()
export class ReplayTargetReader {
  constructor(private readonly dataSource: DataSource) {}

  /** The event of any tenant; undefined for an unknown or malformed id. */
  async event(id: string): Promise<ReplayableEvent | undefined> {
    if (!isUUID(id)) return undefined;
    const rows: ReplayableEvent[] = await this.dataSource.query(
      `SELECT id, tenant_id, type, occurred_at, payload, integration_id::text AS integration_id FROM events WHERE id = $1`,
      [id],
    );
    return rows[0];
  }

  /** The tenant's enabled subscriptions with their filters, in a stable order. */
  async subscriptions(tenantId: string): Promise<SubscriptionFilter[]> {
    return this.dataSource.query(
      `SELECT s.id::text AS id, s.event_types FROM webhook_subscriptions s WHERE s.tenant_id = $1 AND s.enabled ORDER BY s.id`,
      [tenantId],
    );
  }

  /** True when the integration is active and has a callback URL (the worker resolves the URL at send time). */
  async hasCallback(integrationId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM integrations WHERE id = $1 AND active AND callback_url IS NOT NULL`, [integrationId]);
    return rows.length > 0;
  }
}
