// Writes and reads of replay_requests (management is their only writer). A request commits in
// ONE transaction with its audit entry and its delivery jobs in management_outbox (SPEC §6), so
// it is stored before anything is published; `markDispatched` records, with a second audit
// entry, the requests whose jobs the relay has all published (it deletes a row only once the
// broker confirmed it, so "none of its delivery ids left in the outbox" means published).
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OutgoingMessage } from '@herald/platform/messaging';
import { OutboxTable, TransactionalOutbox } from '@herald/platform/outbox';
import { AuditEntry } from '../audit/audit-entry';
import { recordAudit } from '../audit/audit.repository';
import { MANAGEMENT_OUTBOX } from '../management-outbox';
import { ReplayRequestView } from './replay.dto';

export interface NewReplayRequest {
  id: string;
  tenantId: string;
  eventId: string;
  requestedBy: string;
  reason: string;
  requestId: string;
  jobs: OutgoingMessage[];
}

/** A request whose jobs were all published, as markDispatched hands it back to be audited. */
export interface DispatchedReplay {
  id: string;
  tenant_id: string;
  event_id: string;
  request_id: string;
  delivery_ids: string[];
  dispatched_at: Date;
}

type ReplayRow = Omit<ReplayRequestView, 'created_at' | 'dispatched_at'> & { created_at: Date; dispatched_at: Date | null };

// Oldest waiting requests first; SKIP LOCKED keeps replicas' watchers apart, and the outer
// `dispatched_at IS NULL` makes a request dispatched (and audited) once.
const MARK_DISPATCHED = `
  UPDATE replay_requests r SET dispatched_at = clock_timestamp()
   WHERE r.id IN (SELECT id FROM replay_requests WHERE dispatched_at IS NULL ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
     AND r.dispatched_at IS NULL
     AND NOT EXISTS (SELECT 1 FROM management_outbox o WHERE o.message_id = ANY (r.delivery_ids))
  RETURNING r.id::text AS id, r.tenant_id, r.event_id::text AS event_id, r.request_id, r.delivery_ids, r.dispatched_at`;

@Injectable()
export class ReplayRequestRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: TransactionalOutbox,
    @Inject(MANAGEMENT_OUTBOX) private readonly table: OutboxTable,
  ) {}

  /** Stores the request, its audit entry and its jobs in one transaction; the relay publishes the jobs after the commit. */
  async create(request: NewReplayRequest, audit: AuditEntry): Promise<void> {
    await this.outbox.run(this.table, async (tx, enqueue) => {
      await tx.query(
        `INSERT INTO replay_requests (id, tenant_id, event_id, requested_by, reason, request_id, delivery_ids) VALUES ($1, $2, $3, $4, $5, $6, $7::text[])`,
        [request.id, request.tenantId, request.eventId, request.requestedBy, request.reason, request.requestId, request.jobs.map((job) => job.messageId)],
      );
      await recordAudit(tx, audit);
      request.jobs.forEach(enqueue);
    });
  }

  /** The event's replay requests, oldest first (idx_replay_requests_by_event). */
  async forEvent(eventId: string): Promise<ReplayRequestView[]> {
    const rows: ReplayRow[] = await this.dataSource.query(
      `SELECT id::text AS id, requested_by, reason, delivery_ids, created_at, dispatched_at FROM replay_requests WHERE event_id = $1 ORDER BY created_at, id`,
      [eventId],
    );
    return rows.map((row) => ({ ...row, created_at: row.created_at.toISOString(), dispatched_at: row.dispatched_at?.toISOString() ?? null }));
  }

  /** Marks up to `limit` waiting requests whose jobs are all published, each with its audit entry, in one transaction. */
  async markDispatched(limit: number, auditOf: (replay: DispatchedReplay) => AuditEntry): Promise<DispatchedReplay[]> {
    return this.dataSource.transaction(async (tx) => {
      // an UPDATE answers [rows, count]
      const [dispatched]: [DispatchedReplay[], number] = await tx.query(MARK_DISPATCHED, [limit]);
      for (const replay of dispatched) await recordAudit(tx, auditOf(replay));
      return dispatched;
    });
  }
}
