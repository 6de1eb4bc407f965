// Read-only: the event store's events with their derived status (the event_status view over
// event_processing and deliveries, migration 1763900001500). Management writes none of these
// tables; it reads them across tenants for the operator's routes.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PageWindow, queryPageCountedApart } from '../paging';
import { DeliveryCounts, EventDetail, EventListItem, EventSort, ProcessingView, SortOrder } from './event.dto';

/** Every filter is optional; the events match all the given ones. */
export interface EventFilter {
  tenantId?: string;
  provider?: string;
  status?: string;
  type?: string;
  subject?: string;
  from?: Date;
  to?: Date;
}

const LIST_COLUMNS = `event_id AS id, tenant_id, kind, type, source, provider, provider_event_id, subject, status, occurred_at, received_at`;

// the filters on the event's own columns, each with its index on events (migration
// 1763900001500); $3 is the status, which is derived and has none
const EVENT_FILTERS = `($1::text IS NULL OR tenant_id = $1) AND ($2::text IS NULL OR provider = $2)
     AND ($4::text IS NULL OR type = $4) AND ($5::text IS NULL OR subject ILIKE '%' || $5 || '%' ESCAPE '\\')
     AND ($6::timestamptz IS NULL OR occurred_at >= $6) AND ($7::timestamptz IS NULL OR occurred_at < $7)`;

const SELECT_EVENTS = `SELECT ${LIST_COLUMNS} FROM event_status WHERE ${EVENT_FILTERS} AND ($3::text IS NULL OR status = $3)`;

// Without a status filter the total is counted on events alone: the view would derive the
// status of every matching event just to count them. With one, that derivation is the count.
const COUNT_EVENTS = `SELECT count(*) AS total FROM (SELECT tenant_id, provider, type, payload->>'subject' AS subject, occurred_at FROM events) AS e
  WHERE ${EVENT_FILTERS} AND $3::text IS NULL`;
const COUNT_EVENTS_BY_STATUS = `SELECT count(*) AS total FROM event_status WHERE ${EVENT_FILTERS} AND status = $3`;

// status sorts in lifecycle order, not alphabetically
const SORT_COLUMNS: Record<EventSort, string> = {
  created_at: 'received_at',
  received_at: 'received_at',
  occurred_at: 'occurred_at',
  status: `array_position(ARRAY['pending', 'processing', 'processed', 'retrying', 'failed'], status)`,
};

type EventRow = Omit<EventListItem, 'occurred_at' | 'received_at'> & { occurred_at: Date; received_at: Date };

interface StatusRow extends EventRow {
  processing_status: ProcessingView['status'] | null;
  processing_attempts: number | null;
  processing_notification_id: string | null;
  processing_updated_at: Date | null;
  deliveries_total: number;
  deliveries_succeeded: number;
  deliveries_failed: number;
  deliveries_pending: number;
  deliveries_retrying: number;
}

/** One event with its status reports, as the reader hands it to the service. */
export interface EventRecord {
  item: EventListItem;
  processing: ProcessingView | null;
  deliveries: DeliveryCounts;
}

export type StoredEventBody = Pick<EventDetail, 'schema_version' | 'request_id' | 'integration_id' | 'customer_id' | 'payload' | 'raw_snapshot'>;

function listItem(row: EventRow): EventListItem {
  return { ...row, occurred_at: row.occurred_at.toISOString(), received_at: row.received_at.toISOString() };
}

function eventRecord(row: StatusRow): EventRecord {
  const { processing_status, processing_attempts, processing_notification_id, processing_updated_at, ...rest } = row;
  const { deliveries_total, deliveries_succeeded, deliveries_failed, deliveries_pending, deliveries_retrying, ...item } = rest;
  return {
    item: listItem(item),
    processing:
      processing_status && processing_updated_at
        ? { status: processing_status, attempts: processing_attempts ?? 0, notification_id: processing_notification_id, updated_at: processing_updated_at.toISOString() }
        : null,
    deliveries: { total: deliveries_total, succeeded: deliveries_succeeded, failed: deliveries_failed, pending: deliveries_pending, retrying: deliveries_retrying },
  };
}

/** `%` and `_` in a subject are literal characters, not LIKE wildcards. */
export const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class EventStatusReader {
  constructor(private readonly dataSource: DataSource) {}

  /** One page of events across tenants, in the asked order (ties by id). */
  async list(window: PageWindow, filter: EventFilter, sortBy: EventSort, order: SortOrder): Promise<{ items: EventListItem[]; total: number }> {
    const params = [filter.tenantId, filter.provider, filter.status, filter.type, filter.subject && likeLiteral(filter.subject), filter.from, filter.to];
    const direction = order === 'asc' ? 'ASC' : 'DESC';
    const orderBy = `${SORT_COLUMNS[sortBy]} ${direction}, id ${direction}`;
    const count = filter.status ? COUNT_EVENTS_BY_STATUS : COUNT_EVENTS;
    const { rows, total } = await queryPageCountedApart<EventRow>(this.dataSource, SELECT_EVENTS, count, params.map((v) => v ?? null), orderBy, window);
    return { items: rows.map(listItem), total };
  }

  /** The event (any tenant) with its derived status and the reports behind it. */
  async find(eventId: string): Promise<EventRecord | undefined> {
    const rows: StatusRow[] = await this.dataSource.query(
      `SELECT ${LIST_COLUMNS}, processing_status, processing_attempts, processing_notification_id::text AS processing_notification_id, processing_updated_at,
              deliveries_total, deliveries_succeeded, deliveries_failed, deliveries_pending, deliveries_retrying
         FROM event_status WHERE event_id = $1`,
      [eventId],
    );
    return rows[0] && eventRecord(rows[0]);
  }

  /** What the event store keeps of the event beyond the list's columns. */
  async body(eventId: string): Promise<StoredEventBody | undefined> {
    const rows: StoredEventBody[] = await this.dataSource.query(
      `SELECT schema_version, request_id, integration_id::text AS integration_id, customer_id, payload, raw_snapshot FROM events WHERE id = $1`,
      [eventId],
    );
    return rows[0];
  }
}
