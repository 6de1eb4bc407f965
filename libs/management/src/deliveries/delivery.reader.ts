// Read-only: the delivery worker's deliveries and attempts (its tables; management writes
// neither), across tenants for the operator's GET /deliveries and an event's detail.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantId } from '@herald/contracts';
import { PageWindow, queryPage } from '../paging';
import { DeliveryAttemptView, DeliveryStatus, DeliveryView, DeliveryWithAttempts } from './delivery.dto';

/** What the operator sees of an endpoint's answer; the worker keeps up to 20 KB. */
export const RESPONSE_EXCERPT_CHARS = 1024;

export interface DeliveryFilter {
  tenantId?: string;
  eventId?: string;
  status?: DeliveryStatus;
}

const DELIVERY_COLUMNS = `id, tenant_id, event_id::text AS event_id, channel, destination_key AS destination, status, attempts AS attempt_count,
  next_attempt_at, last_status AS last_status_code, last_error, created_at, completed_at`;

// idx_deliveries_by_created, _by_status, _by_event_id (migration 1763900001510)
const SELECT_DELIVERIES = `
  SELECT ${DELIVERY_COLUMNS} FROM deliveries
   WHERE ($1::text IS NULL OR tenant_id = $1) AND ($2::uuid IS NULL OR event_id = $2) AND ($3::text IS NULL OR status = $3)`;

type DeliveryRow = Omit<DeliveryView, 'next_attempt_at' | 'created_at' | 'completed_at'> & { next_attempt_at: Date | null; created_at: Date; completed_at: Date | null };
type AttemptRow = Omit<DeliveryAttemptView, 'attempted_at'> & { attempted_at: Date; delivery_id: string };

const iso = (at: Date | null): string | null => (at ? at.toISOString() : null);

function deliveryView(row: DeliveryRow): DeliveryView {
  return { ...row, next_attempt_at: iso(row.next_attempt_at), created_at: row.created_at.toISOString(), completed_at: iso(row.completed_at) };
}

@Injectable()
export class DeliveryReader {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of deliveries across tenants, newest first. */
  async list(window: PageWindow, filter: DeliveryFilter): Promise<{ items: DeliveryView[]; total: number }> {
    const params = [filter.tenantId, filter.eventId, filter.status].map((v) => v ?? null);
    const { rows, total } = await queryPage<DeliveryRow>(this.dataSource, SELECT_DELIVERIES, params, 'created_at DESC, id DESC', window);
    return { items: rows.map(deliveryView), total };
  }

  /** The event's deliveries, oldest first, each with its attempts in order. */
  async forEvent(tenantId: TenantId, eventId: string): Promise<DeliveryWithAttempts[]> {
    const deliveries: DeliveryRow[] = await this.dataSource.query(
      `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE tenant_id = $1 AND event_id = $2 ORDER BY created_at, id`,
      [tenantId, eventId],
    );
    return this.withAttempts(tenantId, deliveries);
  }

  /**
   * One page of the deliveries to one destination of the tenant (`webhook_subscription:<id>`),
   * newest first, each with its attempts (idx_deliveries_by_destination, migration 1763900001010).
   */
  async forDestination(tenantId: TenantId, destinationKey: string, window: PageWindow): Promise<{ items: DeliveryWithAttempts[]; total: number }> {
    const { rows, total } = await queryPage<DeliveryRow>(
      this.dataSource,
      `SELECT ${DELIVERY_COLUMNS} FROM deliveries WHERE tenant_id = $1 AND destination_key = $2`,
      [tenantId, destinationKey],
      'created_at DESC, id DESC',
      window,
    );
    return { items: await this.withAttempts(tenantId, rows), total };
  }

  private async withAttempts(tenantId: TenantId, deliveries: DeliveryRow[]): Promise<DeliveryWithAttempts[]> {
    if (deliveries.length === 0) return [];
    const attempts: AttemptRow[] = await this.dataSource.query(
      `SELECT delivery_id, attempt, outcome, status_code, error_class, latency_ms, left(response_body, $3) AS response_body_excerpt, attempted_at
         FROM delivery_attempts WHERE tenant_id = $1 AND delivery_id = ANY($2::text[]) ORDER BY delivery_id, attempt`,
      [tenantId, deliveries.map((d) => d.id), RESPONSE_EXCERPT_CHARS],
    );
    return deliveries.map((d) => ({
      ...deliveryView(d),
      attempts: attempts
        .filter((a) => a.delivery_id === d.id)
        .map(({ delivery_id: _delivery, ...a }) => ({ ...a, attempted_at: a.attempted_at.toISOString() })),
    }));
  }
}
