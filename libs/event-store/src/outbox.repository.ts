// Every query on events and outbox: the grouped insert of events with their outbox rows in
// one statement (a unique key such as a provider event id resolves to the event already
// stored instead of failing the group), and the outbox as a relay source (lease claim joined
// with the events, delete after confirm, early release).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventKind, RecipientScope } from '@herald/contracts';
import { claimCte, OutboxEntry, OutboxSource, releaseRows, removeRows } from '@herald/platform/outbox';
import { AcceptedEvent, toOutboundMessage } from './accepted-event';

interface EventRow {
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
  provider: string | null;
  provider_event_id: string | null;
}

export interface StoredGroup {
  /** Events stored by this group, with their (leased) outbox rows. */
  entries: Map<string, OutboxEntry>;
  /** Events not stored because their unique key exists: new event id → the stored event's id. */
  duplicates: Map<string, string>;
}

const OUTBOX_TABLE = 'outbox';

@Injectable()
export class OutboxRepository implements OutboxSource {
  readonly name = OUTBOX_TABLE;

  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the events and an outbox row for each one that is new, in one statement (so one
   * transaction), the outbox rows leased to this replica for `leaseMs`. Events whose unique
   * key (tenant, provider, provider event id) is taken are skipped and mapped to the stored event.
   */
  async insertEventsWithOutbox(events: AcceptedEvent[], leaseMs: number): Promise<StoredGroup> {
    const stored: Array<{ id: string; event_id: string }> = await this.dataSource.query(
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[],
                              $9::text[], $10::timestamptz[], $11::timestamptz[], $12::text[], $13::text[], $14::text[], $15::text[])
           AS u(id, tenant_id, kind, type, source, schema_version, payload, recipients, customer_id,
                occurred_at, received_at, request_id, provider, provider_event_id, traceparent)
       ), inserted AS (
         INSERT INTO events (id, tenant_id, kind, type, source, schema_version, payload, recipients, customer_id,
                             occurred_at, received_at, request_id, provider, provider_event_id)
         SELECT id, tenant_id, kind, type, source, schema_version, payload::jsonb, recipients::jsonb, customer_id,
                occurred_at, received_at, request_id, provider, provider_event_id
         FROM input
         ON CONFLICT DO NOTHING
         RETURNING id
       )
       INSERT INTO outbox (event_id, traceparent, claimed_until)
       SELECT i.id, input.traceparent, now() + make_interval(secs => $16::double precision / 1000)
       FROM inserted i JOIN input ON input.id = i.id
       RETURNING id, event_id`,
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
        events.map((e) => e.traceparent),
        leaseMs,
      ],
    );
    const byEvent = new Map(events.map((e) => [e.id, e]));
    const entries = new Map(stored.map((r) => [r.event_id, toEntry(String(r.id), byEvent.get(r.event_id) as AcceptedEvent)]));
    const skipped = events.filter((e) => !entries.has(e.id));
    return { entries, duplicates: skipped.length > 0 ? await this.findStored(skipped) : new Map() };
  }

  /** Maps events skipped on a unique key to the event stored under that key. */
  private async findStored(skipped: AcceptedEvent[]): Promise<Map<string, string>> {
    const keyed = skipped.filter((e) => e.provider && e.providerEventId);
    const rows: Array<{ id: string; tenant_id: string; provider: string; provider_event_id: string }> = await this.dataSource.query(
      `SELECT id, tenant_id, provider, provider_event_id FROM events
       WHERE (tenant_id, provider, provider_event_id) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))`,
      [keyed.map((e) => e.tenantId), keyed.map((e) => e.provider), keyed.map((e) => e.providerEventId)],
    );
    const key = (tenant: string, provider: string, id: string) => `${tenant}\u0000${provider}\u0000${id}`;
    const existing = new Map(rows.map((r) => [key(r.tenant_id, r.provider, r.provider_event_id), r.id]));
    const duplicates = new Map<string, string>();
    for (const e of keyed) {
      const id = existing.get(key(e.tenantId, e.provider as string, e.providerEventId as string));
      if (id) duplicates.set(e.id, id);
    }
    return duplicates;
  }

  async claim(leaseMs: number, limit: number): Promise<OutboxEntry[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `${claimCte(OUTBOX_TABLE, 'id, event_id, traceparent')}
       SELECT c.id AS outbox_id, c.traceparent, e.request_id, e.id, e.tenant_id, e.kind, e.type, e.source, e.schema_version,
              e.payload, e.recipients, e.customer_id, e.occurred_at, e.received_at, e.provider, e.provider_event_id
       FROM claimed c JOIN events e ON e.id = c.event_id`,
      [leaseMs, limit],
    );
    return rows.map((r) => toEntry(String(r.outbox_id), toEvent(r)));
  }

  remove(ids: string[]): Promise<void> {
    return removeRows(this.dataSource, OUTBOX_TABLE, ids);
  }

  release(ids: string[]): Promise<void> {
    return releaseRows(this.dataSource, OUTBOX_TABLE, ids);
  }
}

function toEntry(outboxId: string, event: AcceptedEvent): OutboxEntry {
  return { id: outboxId, message: toOutboundMessage(event) };
}

function toEvent(r: EventRow): AcceptedEvent {
  return {
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
    provider: r.provider,
    providerEventId: r.provider_event_id,
  };
}
