// Every query on events and outbox: the grouped insert of events with their outbox rows in
// one transaction, the relay's sweep claim and the delete of published rows.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EventKind, RecipientScope } from '@herald/contracts';
import { AcceptedEvent } from './accepted-event';

interface SweptRow {
  outbox_id: string;
  request_id: string | null;
  traceparent: string;
  id: string;
  tenant_id: string;
  kind: EventKind;
  type: string;
  source: string;
  schema_version: number;
  payload: Record<string, unknown>;
  recipients: RecipientScope | null;
  customer_id: string | null;
  occurred_at: Date;
  received_at: Date;
}

@Injectable()
export class OutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the events and one outbox row each in a single transaction; returns outbox ids by event id. */
  async insertEventsWithOutbox(events: AcceptedEvent[]): Promise<Map<string, string>> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO events (id, tenant_id, kind, type, source, schema_version, payload, recipients, customer_id,
                             occurred_at, received_at, request_id, provider, provider_event_id)
         SELECT u.id, u.tenant_id, u.kind, u.type, u.source, u.schema_version, u.payload::jsonb, u.recipients::jsonb,
                u.customer_id, u.occurred_at, u.received_at, u.request_id, u.provider, u.provider_event_id
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[],
                     $9::text[], $10::timestamptz[], $11::timestamptz[], $12::text[], $13::text[], $14::text[])
           AS u(id, tenant_id, kind, type, source, schema_version, payload, recipients, customer_id,
                occurred_at, received_at, request_id, provider, provider_event_id)`,
        [
          events.map((e) => e.id),
          events.map((e) => e.tenantId),
          events.map((e) => e.kind),
          events.map((e) => e.type),
          events.map((e) => e.source),
          events.map((e) => e.schemaVersion),
          events.map((e) => JSON.stringify(e.payload)),
          events.map((e) => (e.recipients ? JSON.stringify(e.recipients) : null)),
          events.map((e) => e.customerId),
          events.map((e) => e.occurredAt.toISOString()),
          events.map((e) => e.receivedAt.toISOString()),
          events.map((e) => e.requestId),
          events.map((e) => e.provider ?? null),
          events.map((e) => e.providerEventId ?? null),
        ],
      );
      const rows: Array<{ id: string; event_id: string }> = await tx.query(
        `INSERT INTO outbox (event_id, traceparent)
         SELECT * FROM unnest($1::uuid[], $2::text[])
         RETURNING id, event_id`,
        [events.map((e) => e.id), events.map((e) => e.traceparent)],
      );
      return new Map(rows.map((r) => [r.event_id, String(r.id)]));
    });
  }

  async deleteOutboxRows(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<void> {
    if (ids.length === 0) return;
    await manager.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [ids]);
  }

  /**
   * Claims outbox rows older than `minAgeMs` (rows the immediate path did not finish), locked
   * with SKIP LOCKED so replicas sweep disjoint rows; `work` publishes them inside the lock.
   */
  async sweep(minAgeMs: number, limit: number, exclude: string[], work: (rows: AcceptedEventRow[]) => Promise<string[]>): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const rows: SweptRow[] = await tx.query(
        `SELECT o.id AS outbox_id, o.traceparent, e.request_id,
                e.id, e.tenant_id, e.kind, e.type, e.source, e.schema_version, e.payload, e.recipients,
                e.customer_id, e.occurred_at, e.received_at
         FROM outbox o JOIN events e ON e.id = o.event_id
         WHERE o.created_at < now() - make_interval(secs => $1::double precision / 1000)
           AND NOT (o.id = ANY($3::bigint[]))
         ORDER BY o.created_at
         LIMIT $2
         FOR UPDATE OF o SKIP LOCKED`,
        [minAgeMs, limit, exclude],
      );
      if (rows.length === 0) return 0;
      const published = await work(rows.map(toRow));
      await this.deleteOutboxRows(published, tx);
      return published.length;
    });
  }
}

export interface AcceptedEventRow {
  outboxId: string;
  event: AcceptedEvent;
}

function toRow(r: SweptRow): AcceptedEventRow {
  return {
    outboxId: String(r.outbox_id),
    event: {
      id: r.id,
      tenantId: r.tenant_id,
      kind: r.kind,
      type: r.type,
      source: r.source,
      schemaVersion: r.schema_version,
      payload: r.payload,
      recipients: r.recipients,
      customerId: r.customer_id,
      occurredAt: new Date(r.occurred_at),
      receivedAt: new Date(r.received_at),
      requestId: r.request_id ?? '',
      traceparent: r.traceparent,
    },
  };
}
