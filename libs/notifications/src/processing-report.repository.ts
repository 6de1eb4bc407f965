// The notification service's report of a failed attempt at an event (SPEC §6): `retrying`
// while attempts remain, `failed` after the last one (the message is dead-lettered). A
// `processed` report (written with the notification, NotificationRepository.saveForEvent) is
// never overwritten by a late failure report.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantId } from '@herald/contracts';

const MAX_ERROR_LENGTH = 500;

/** A failed attempt at an event: `retrying`, or `failed` when it was the last. */
export interface FailureReport {
  tenantId: TenantId;
  eventId: string;
  attempt: number;
  final: boolean;
  error: string;
}

@Injectable()
export class ProcessingReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Reports failed attempts at events, one statement for all of them. */
  async recordFailures(reports: readonly FailureReport[]): Promise<void> {
    if (reports.length === 0) return;
    // one row per event (a batch may hold an event twice): ON CONFLICT may touch a row once per statement
    const byEvent = new Map(reports.map((r) => [r.eventId, r]));
    const rows = [...byEvent.values()];
    await this.dataSource.query(
      `INSERT INTO event_processing (event_id, tenant_id, status, attempts, last_error, updated_at)
       SELECT u.event_id, u.tenant_id, u.status, u.attempts, u.last_error, now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[]) AS u(event_id, tenant_id, status, attempts, last_error)
       ON CONFLICT (event_id) DO UPDATE
         SET status = EXCLUDED.status, attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error, updated_at = now()
         WHERE event_processing.status <> 'processed'`,
      [
        rows.map((r) => r.eventId),
        rows.map((r) => r.tenantId),
        rows.map((r) => (r.final ? 'failed' : 'retrying')),
        rows.map((r) => r.attempt),
        rows.map((r) => r.error.slice(0, MAX_ERROR_LENGTH)),
      ],
    );
  }

  /** The report of one event of the tenant, if any. */
  async find(tenantId: TenantId, eventId: string): Promise<{ status: string; attempts: number; last_error: string | null } | undefined> {
    const rows: Array<{ status: string; attempts: number; last_error: string | null }> = await this.dataSource.query(
      'SELECT status, attempts, last_error FROM event_processing WHERE tenant_id = $1 AND event_id = $2',
      [tenantId, eventId],
    );
    return rows[0];
  }
}
