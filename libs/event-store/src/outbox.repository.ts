// Every query on events and outbox: the grouped insert of events with their outbox rows in
// one statement (a unique key such as a provider event id resolves to the event already
// stored instead of failing the group), and the outbox as a relay source (lease claim joined
// with the events, delete after confirm, early release).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { claimCte, OutboxEntry, OutboxSource, releaseRows, removeRows } from '@herald/platform/outbox';
import { AcceptedEvent, toOutboundMessage } from './accepted-event';
import { EVENT_COLUMN_NAMES, EVENT_INSERT_VALUES, fromEventRow, selectEventColumns, toColumnArrays, unnestEvents } from './event-row';

export interface StoredGroup {
  /** Events stored by this group, with their (leased) outbox rows. */
  entries: Map<string, OutboxEntry>;
  /** Events not stored because their unique key exists: new event id → the stored event's id. */
  duplicates: Map<string, string>;
}

const OUTBOX_TABLE = 'outbox';
const LEASE_PARAM = EVENT_COLUMN_NAMES.length + 2; // after one array per column and the traceparents

/** Events and their leased outbox rows in one statement; a taken unique key skips the row. */
const INSERT_EVENTS_WITH_OUTBOX = `WITH input AS (
     SELECT * FROM ${unnestEvents(1, ['traceparent'])}
   ), inserted AS (
     INSERT INTO events (${EVENT_COLUMN_NAMES.join(', ')})
     SELECT ${EVENT_INSERT_VALUES} FROM input
     ON CONFLICT DO NOTHING
     RETURNING id
   )
   INSERT INTO outbox (event_id, traceparent, claimed_until)
   SELECT i.id, input.traceparent, now() + make_interval(secs => $${LEASE_PARAM}::double precision / 1000)
   FROM inserted i JOIN input ON input.id = i.id
   RETURNING id, event_id`;

const CLAIM_EVENTS = `${claimCte(OUTBOX_TABLE, 'id, event_id, traceparent')}
   SELECT c.id AS outbox_id, c.traceparent, ${selectEventColumns('e')}
   FROM claimed c JOIN events e ON e.id = c.event_id`;

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
    const stored: Array<{ id: string; event_id: string }> = await this.dataSource.query(INSERT_EVENTS_WITH_OUTBOX, [
      ...toColumnArrays(events),
      events.map((e) => e.traceparent),
      leaseMs,
    ]);
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
    const rows: Array<Record<string, unknown> & { outbox_id: string; traceparent: string }> = await this.dataSource.query(
      CLAIM_EVENTS,
      [leaseMs, limit],
    );
    return rows.map((r) => toEntry(String(r.outbox_id), fromEventRow(r, r.traceparent)));
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
