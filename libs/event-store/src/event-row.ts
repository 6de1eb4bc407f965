// The one mapping between an accepted event and its `events` row: every stored field of
// AcceptedEvent with its column and SQL type, in one list that drives the grouped insert
// (one unnest array per column), the relay claim's SELECT and the row → event mapping. The
// event → message mapping is toOutboundMessage (accepted-event.ts); the wire contract is
// contracts' event.accepted schema.
import { AcceptedEvent } from './accepted-event';

/** traceparent is the outbox row's (the accepting request's trace), not the event's. */
type StoredField = Exclude<keyof AcceptedEvent, 'traceparent'>;

interface EventColumn {
  readonly name: string;
  readonly sqlType: 'uuid' | 'text' | 'int' | 'boolean' | 'jsonb' | 'timestamptz';
  /** What the event holds when the column is NULL (default null). */
  readonly whenNull?: unknown;
  /** Written with the event but not read back by the relay: the message does not carry it, and it can be large. */
  readonly writeOnly?: boolean;
}

/** Each stored field's column; a field added to AcceptedEvent without one does not compile. */
const EVENT_COLUMNS: { readonly [Field in StoredField]-?: EventColumn } = {
  id: { name: 'id', sqlType: 'uuid' },
  tenantId: { name: 'tenant_id', sqlType: 'text' },
  kind: { name: 'kind', sqlType: 'text' },
  type: { name: 'type', sqlType: 'text' },
  source: { name: 'source', sqlType: 'text' },
  schemaVersion: { name: 'schema_version', sqlType: 'int' },
  payload: { name: 'payload', sqlType: 'jsonb' },
  recipients: { name: 'recipients', sqlType: 'jsonb' },
  customerId: { name: 'customer_id', sqlType: 'text' },
  occurredAt: { name: 'occurred_at', sqlType: 'timestamptz' },
  receivedAt: { name: 'received_at', sqlType: 'timestamptz' },
  requestId: { name: 'request_id', sqlType: 'text', whenNull: '' },
  provider: { name: 'provider', sqlType: 'text' },
  providerEventId: { name: 'provider_event_id', sqlType: 'text' },
  integrationId: { name: 'integration_id', sqlType: 'uuid' },
  callbackDue: { name: 'callback_due', sqlType: 'boolean' },
  rawSnapshot: { name: 'raw_snapshot', sqlType: 'jsonb', writeOnly: true },
};

const FIELDS = Object.keys(EVENT_COLUMNS) as StoredField[];
const COLUMNS = FIELDS.map((field) => EVENT_COLUMNS[field]);
const READ_FIELDS = FIELDS.filter((field) => !EVENT_COLUMNS[field].writeOnly);

/** The `events` columns the store writes and reads, in list order. */
export const EVENT_COLUMN_NAMES: readonly string[] = COLUMNS.map((column) => column.name);

/**
 * `unnest($n::uuid[], $n+1::text[], …) AS u(id, tenant_id, …, <extra>)`: one parameter array
 * per column from `firstParam` on (jsonb travels as text and is cast on insert), then the
 * extra text columns named after them.
 */
export function unnestEvents(firstParam: number, extraTextColumns: readonly string[] = []): string {
  const arrays = [...COLUMNS.map((c) => (c.sqlType === 'jsonb' ? 'text' : c.sqlType)), ...extraTextColumns.map(() => 'text')];
  const params = arrays.map((type, i) => `$${firstParam + i}::${type}[]`).join(', ');
  return `unnest(${params}) AS u(${[...EVENT_COLUMN_NAMES, ...extraTextColumns].join(', ')})`;
}

/** The select list that turns unnest's columns into `events` values (jsonb cast back). */
export const EVENT_INSERT_VALUES = COLUMNS.map((c) => (c.sqlType === 'jsonb' ? `${c.name}::jsonb` : c.name)).join(', ');

/** `e.id, e.tenant_id, …`: the event's columns of a row aliased `alias` (write-only ones left out). */
export function selectEventColumns(alias: string): string {
  return READ_FIELDS.map((field) => `${alias}.${EVENT_COLUMNS[field].name}`).join(', ');
}

/** The parameter arrays for unnestEvents, one per column, in list order. */
export function toColumnArrays(events: readonly AcceptedEvent[]): unknown[][] {
  return FIELDS.map((field) => {
    const { sqlType } = EVENT_COLUMNS[field];
    return events.map((event) => toParam(sqlType, event[field]));
  });
}

/** The event of a row that holds the event's columns (jsonb parsed and timestamps as pg returns them). */
export function fromEventRow(row: Readonly<Record<string, unknown>>, traceparent: string): AcceptedEvent {
  const event: Record<string, unknown> = { traceparent };
  for (const field of READ_FIELDS) {
    const { name, sqlType, whenNull = null } = EVENT_COLUMNS[field];
    const value = row[name];
    event[field] = value === null || value === undefined ? whenNull : sqlType === 'timestamptz' ? new Date(value as string | Date) : value;
  }
  return event as unknown as AcceptedEvent;
}

function toParam(sqlType: EventColumn['sqlType'], value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (sqlType === 'jsonb') return JSON.stringify(value);
  if (sqlType === 'timestamptz') return (value as Date).toISOString();
  return value;
}
