// The notification service's report of a failed attempt at an event (SPEC §6): `retrying`
// while attempts remain, `failed` after the last one (the message is dead-lettered). A
// `processed` report (written with the notification, NotificationRepository.saveForEvent) is
// never overwritten by a late failure report.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantId } from '@herald/contracts';

const MAX_ERROR_LENGTH = 500;

@Injectable()
export class ProcessingReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  async recordFailure(tenantId: TenantId, eventId: string, attempt: number, final: boolean, error: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO event_processing (event_id, tenant_id, status, attempts, last_error, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (event_id) DO UPDATE
         SET status = EXCLUDED.status, attempts = EXCLUDED.attempts, last_error = EXCLUDED.last_error, updated_at = now()
         WHERE event_processing.status <> 'processed'`,
      [eventId, tenantId, final ? 'failed' : 'retrying', attempt, error.slice(0, MAX_ERROR_LENGTH)],
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
