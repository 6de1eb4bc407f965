// Every query on events, outbox, idempotency_keys and event_audit: the grouped insert of
// append units (events with their outbox rows, Idempotency-Key reservations and audit entries)
// in one statement (a unique key such as a provider event id resolves to the event already
// stored instead of failing the group), taken keys and their purge, and the outbox as a relay
// source (lease claim joined with the events, delete after confirm, early release).
import { Injectable } from '@nestjs/common';
import { Pool, QueryResultRow } from 'pg';
import { DataSource } from 'typeorm';
import { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { claimCte, OutboxEntry, OutboxSource, releaseRows, removeRows } from '@herald/platform/outbox';
import { AcceptedEvent, OutboxTarget, toTargetMessage } from './accepted-event';
import { AppendUnit, IDEMPOTENCY_KEY_TTL_SECONDS, StoredResponse } from './append-unit';
import { EVENT_COLUMN_NAMES, EVENT_INSERT_VALUES, fromEventRow, selectEventColumns, toColumnArrays, unnestEvents } from './event-row';

export interface StoredUnits {
  /** Outbox rows this statement stored (leased to this replica), one to three per stored event. */
  entries: OutboxEntry[];
  /** Events stored by this statement. */
  stored: Set<string>;
  /** Events not stored because their unique key exists: new event id → the stored event's id. */
  duplicates: Map<string, string>;
  /** Units whose Idempotency-Key this statement reserved (by index); a keyed unit not here stored nothing. */
  reserved: Set<number>;
}

/** An Idempotency-Key row that was already taken. */
export interface TakenKey {
  requestHash: string;
  response: StoredResponse;
}

const OUTBOX_TABLE = 'outbox';
const EVENT_PARAMS = EVENT_COLUMN_NAMES.length + 2; // one array per column, the traceparents, the unit of each event
const KEY_PARAM = EVENT_PARAMS + 1; // unit, tenant, key, hash, status, body
const AUDIT_PARAM = KEY_PARAM + 6; // event id, tenant, request id, actor, action, fingerprint
const SCALAR_PARAM = AUDIT_PARAM + 6; // lease ms, analytics on, key ttl s

/**
 * A group of units in one statement (so one transaction): each keyed unit reserves its
 * Idempotency-Key (a taken, unexpired key stores nothing of its unit), the events of
 * unkeyed and reserved units are inserted (a taken unique key such as a provider event id
 * skips that event), audit entries are written for the events inserted, and each inserted
 * event gets its outbox rows — herald.events, the analytics channel for a business event
 * when analytics is on, and the integration callback's delivery job for a provider webhook
 * marked callback_due — leased to this replica for the lease. A duplicate provider event is
 * not inserted, so it gets no outbox row: its callback is never enqueued twice.
 */
const INSERT_UNITS = `WITH input AS (
     SELECT * FROM ${unnestEvents(1, ['traceparent', 'unit'])}
   ), keys_in AS (
     SELECT * FROM unnest($${KEY_PARAM}::text[], $${KEY_PARAM + 1}::text[], $${KEY_PARAM + 2}::text[], $${KEY_PARAM + 3}::text[],
                          $${KEY_PARAM + 4}::int[], $${KEY_PARAM + 5}::text[])
       AS k(unit, tenant_id, key, request_hash, status_code, response_body)
   ), reserved AS (
     INSERT INTO idempotency_keys AS taken (tenant_id, key, request_hash, status_code, response_body, expires_at)
     SELECT tenant_id, key, request_hash, status_code, response_body::jsonb, now() + make_interval(secs => $${SCALAR_PARAM + 2}::int)
     FROM keys_in
     ON CONFLICT (tenant_id, key) DO UPDATE
       SET request_hash = EXCLUDED.request_hash, status_code = EXCLUDED.status_code, response_body = EXCLUDED.response_body,
           created_at = now(), expires_at = EXCLUDED.expires_at
       WHERE taken.expires_at <= now()
     RETURNING tenant_id, key
   ), reserved_units AS (
     SELECT k.unit FROM keys_in k JOIN reserved r ON r.tenant_id = k.tenant_id AND r.key = k.key
   ), inserted AS (
     INSERT INTO events (${EVENT_COLUMN_NAMES.join(', ')})
     SELECT ${EVENT_INSERT_VALUES} FROM input
     WHERE NOT EXISTS (SELECT 1 FROM keys_in k WHERE k.unit = input.unit) OR input.unit IN (SELECT unit FROM reserved_units)
     ON CONFLICT DO NOTHING
     RETURNING id
   ), audited AS (
     INSERT INTO event_audit (tenant_id, request_id, actor, action, entity_type, entity_id, fingerprint)
     SELECT a.tenant_id, a.request_id, a.actor, a.action, 'event', a.event_id, a.fingerprint
     FROM unnest($${AUDIT_PARAM}::text[], $${AUDIT_PARAM + 1}::text[], $${AUDIT_PARAM + 2}::text[], $${AUDIT_PARAM + 3}::text[],
                 $${AUDIT_PARAM + 4}::text[], $${AUDIT_PARAM + 5}::text[])
       AS a(event_id, tenant_id, request_id, actor, action, fingerprint)
     WHERE a.event_id IN (SELECT id::text FROM inserted)
   ), outboxed AS (
     INSERT INTO outbox (event_id, traceparent, claimed_until, target)
     SELECT i.id, input.traceparent, now() + make_interval(secs => $${SCALAR_PARAM}::double precision / 1000), t.target
     FROM inserted i JOIN input ON input.id = i.id
     CROSS JOIN (VALUES ('events'), ('analytics'), ('callback')) AS t(target)
     WHERE t.target = 'events'
        OR (t.target = 'analytics' AND input.kind = 'business' AND $${SCALAR_PARAM + 1}::boolean)
        OR (t.target = 'callback' AND input.callback_due IS TRUE AND input.integration_id IS NOT NULL)
     RETURNING id, event_id, target
   )
   SELECT id::text AS outbox_id, event_id::text AS event_id, target, NULL::text AS unit FROM outboxed
   UNION ALL
   SELECT NULL, NULL, NULL, unit FROM reserved_units`;

/** The prepared statement's name (one per text: a changed statement needs a new name). */
const INSERT_UNITS_STATEMENT = 'herald_event_store_insert_units_v2';

const CLAIM_EVENTS = `${claimCte(OUTBOX_TABLE, 'id, event_id, traceparent, target')}
   SELECT c.id AS outbox_id, c.traceparent, c.target, ${selectEventColumns('e')}
   FROM claimed c JOIN events e ON e.id = c.event_id`;

const PURGE_BATCH = 10_000;

@Injectable()
export class OutboxRepository implements OutboxSource {
  readonly name = OUTBOX_TABLE;

  constructor(private readonly dataSource: DataSource) {}

  /** Stores a group of units in one statement; see INSERT_UNITS. Units are numbered by their index. */
  async insertUnits(units: readonly AppendUnit[], options: { leaseMs: number; analytics: boolean }): Promise<StoredUnits> {
    const events = units.flatMap((unit) => unit.events);
    const eventUnits = units.flatMap((unit, index) => unit.events.map(() => String(index)));
    const keyed = units.flatMap((unit, index) => (unit.idempotency ? [{ unit, index, reservation: unit.idempotency }] : []));
    const audit = units.flatMap((unit) => (unit.audit ?? []).map((entry) => ({ entry, tenantId: unit.tenantId })));
    const rows: Array<{ outbox_id: string | null; event_id: string | null; target: OutboxTarget | null; unit: string | null }> =
      await this.prepared(INSERT_UNITS_STATEMENT, INSERT_UNITS, [
        ...toColumnArrays(events),
        events.map((e) => e.traceparent),
        eventUnits,
        keyed.map((k) => String(k.index)),
        keyed.map((k) => k.unit.tenantId),
        keyed.map((k) => k.reservation.key),
        keyed.map((k) => k.reservation.requestHash),
        keyed.map((k) => k.reservation.response.statusCode),
        keyed.map((k) => JSON.stringify(k.reservation.response.body)),
        audit.map((a) => a.entry.eventId),
        audit.map((a) => a.tenantId),
        audit.map((a) => a.entry.requestId),
        audit.map((a) => a.entry.actor),
        audit.map((a) => a.entry.action),
        audit.map((a) => a.entry.fingerprint),
        options.leaseMs,
        options.analytics,
        IDEMPOTENCY_KEY_TTL_SECONDS,
      ]);
    const byEvent = new Map(events.map((e) => [e.id, e]));
    const entries: OutboxEntry[] = [];
    const stored = new Set<string>();
    const reserved = new Set<number>();
    for (const row of rows) {
      if (row.unit !== null) reserved.add(Number(row.unit));
      else {
        const event = byEvent.get(row.event_id as string) as AcceptedEvent;
        stored.add(event.id);
        entries.push({ id: row.outbox_id as string, message: toTargetMessage(event, row.target as OutboxTarget) });
      }
    }
    const skipped = units.flatMap((unit, index) => (unit.idempotency && !reserved.has(index) ? [] : unit.events.filter((e) => !stored.has(e.id))));
    return { entries, stored, reserved, duplicates: skipped.length > 0 ? await this.findStored(skipped) : new Map() };
  }

  /**
   * Runs the hot statement as a named prepared statement straight on the pool: each pooled
   * connection parses and plans it once, and a flush sends only its parameters (through
   * TypeORM's query() the 3 KB statement was sent, parsed and planned on every flush).
   */
  private async prepared<Row>(name: string, text: string, values: unknown[]): Promise<Row[]> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const result = await pool.query<Row & QueryResultRow>({ name, text, values });
    return result.rows;
  }

  /** The taken Idempotency-Keys of these (tenant, key) pairs, by `tenant\0key`. */
  async findTakenKeys(keys: ReadonlyArray<{ tenantId: string; key: string }>): Promise<Map<string, TakenKey>> {
    const rows: Array<{ tenant_id: string; key: string; request_hash: string; status_code: number; response_body: unknown }> =
      await this.dataSource.query(
        `SELECT tenant_id, key, request_hash, status_code, response_body FROM idempotency_keys
         WHERE (tenant_id, key) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
        [keys.map((k) => k.tenantId), keys.map((k) => k.key)],
      );
    return new Map(
      rows.map((r) => [takenKeyId(r.tenant_id, r.key), { requestHash: r.request_hash, response: { statusCode: r.status_code, body: r.response_body } }]),
    );
  }

  /** Deletes expired Idempotency-Keys, in batches; returns how many. */
  async purgeExpiredKeys(): Promise<number> {
    let purged = 0;
    for (;;) {
      const [, count]: [unknown, number] = await this.dataSource.query(
        `DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at <= now() LIMIT ${PURGE_BATCH})`,
      );
      purged += count;
      if (count < PURGE_BATCH) return purged;
    }
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
    const rows: Array<Record<string, unknown> & { outbox_id: string; traceparent: string; target: string }> = await this.dataSource.query(
      CLAIM_EVENTS,
      [leaseMs, limit],
    );
    return rows.map((r) => ({ id: String(r.outbox_id), message: toTargetMessage(fromEventRow(r, r.traceparent), r.target as OutboxTarget) }));
  }

  remove(ids: string[]): Promise<void> {
    return removeRows(this.dataSource, OUTBOX_TABLE, ids);
  }

  release(ids: string[]): Promise<void> {
    return releaseRows(this.dataSource, OUTBOX_TABLE, ids);
  }
}

/** The id findTakenKeys maps a taken key by. */
export function takenKeyId(tenantId: string, key: string): string {
  return `${tenantId}\u0000${key}`;
}
