// The one row ↔ event mapping: it names exactly the columns the `events` entity maps, builds
// the insert's parameter arrays in column order, and a row read back becomes the same event
// and so the same herald.events message.
import { getMetadataArgsStorage } from 'typeorm';
import { parseTenantId } from '@herald/contracts';
import { EventEntity } from '@herald/platform/persistence';
import { AcceptedEvent, toOutboundMessage } from './accepted-event';
import { EVENT_COLUMN_NAMES, fromEventRow, selectEventColumns, toColumnArrays, unnestEvents } from './event-row';

const event: AcceptedEvent = {
  id: '0b7c2c1e-3f0a-4d0e-9a55-1f2e3d4c5b6a',
  tenantId: parseTenantId('tn_a'),
  kind: 'webhook',
  type: 'acme.order.created',
  source: 'acme',
  schemaVersion: 1,
  payload: { order: 'o1', lines: [{ sku: 'a', qty: 2 }] },
  recipients: { roles: ['ops'] },
  customerId: 'c1',
  occurredAt: new Date('2026-11-23T10:00:00.123Z'),
  receivedAt: new Date('2026-11-23T10:00:01.456Z'),
  requestId: 'req-1',
  traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  provider: 'acme',
  providerEventId: 'evt-1',
  integrationId: '5f0c1a52-7f7e-4f38-9d0c-0d6f1d1b2a11',
  callbackDue: true,
};

/** The row as pg returns it: jsonb parsed, timestamptz as Date, NULL as null. */
const row = {
  id: event.id,
  tenant_id: 'tn_a',
  kind: 'webhook',
  type: 'acme.order.created',
  source: 'acme',
  schema_version: 1,
  payload: { order: 'o1', lines: [{ sku: 'a', qty: 2 }] },
  recipients: { roles: ['ops'] },
  customer_id: 'c1',
  occurred_at: new Date('2026-11-23T10:00:00.123Z'),
  received_at: new Date('2026-11-23T10:00:01.456Z'),
  request_id: 'req-1',
  provider: 'acme',
  provider_event_id: 'evt-1',
  integration_id: '5f0c1a52-7f7e-4f38-9d0c-0d6f1d1b2a11',
  callback_due: true,
};

describe('event row mapping', () => {
  it('names exactly the columns the events entity maps', () => {
    const entityColumns = getMetadataArgsStorage()
      .columns.filter((column) => column.target === EventEntity)
      .map((column) => column.options.name ?? column.propertyName);
    expect([...EVENT_COLUMN_NAMES].sort()).toEqual([...entityColumns].sort());
  });

  it('reads a row back as the event it stored, so the claimed message is the appended one', () => {
    expect(fromEventRow(row, event.traceparent)).toEqual(event);
    expect(toOutboundMessage(fromEventRow(row, event.traceparent))).toEqual(toOutboundMessage(event));
  });

  it('reads NULL columns as null, and a missing request id as empty', () => {
    const bare = fromEventRow({ ...row, recipients: null, customer_id: null, request_id: null, provider: null, provider_event_id: null, integration_id: null }, '');
    expect(bare).toMatchObject({ recipients: null, customerId: null, requestId: '', provider: null, providerEventId: null, integrationId: null });
  });

  it('builds one parameter array per column, in column order, jsonb as text and times as ISO strings', () => {
    const arrays = toColumnArrays([event, { ...event, recipients: null, provider: undefined, providerEventId: undefined }]);
    expect(arrays).toHaveLength(EVENT_COLUMN_NAMES.length);
    const column = (name: string) => arrays[EVENT_COLUMN_NAMES.indexOf(name)];
    expect(column('payload')).toEqual([JSON.stringify(event.payload), JSON.stringify(event.payload)]);
    expect(column('recipients')).toEqual([JSON.stringify(event.recipients), null]);
    expect(column('occurred_at')).toEqual(['2026-11-23T10:00:00.123Z', '2026-11-23T10:00:00.123Z']);
    expect(column('provider')).toEqual(['acme', null]);
  });

  it('stores the raw snapshot but never reads it back, so the relay does not carry request bodies', () => {
    const snapshot = { headers: { 'content-type': 'application/json' }, body: '{}' };
    expect(toColumnArrays([{ ...event, rawSnapshot: snapshot }])[EVENT_COLUMN_NAMES.indexOf('raw_snapshot')]).toEqual([JSON.stringify(snapshot)]);
    expect(selectEventColumns('e')).not.toContain('raw_snapshot');
    expect(fromEventRow({ ...row, raw_snapshot: snapshot }, '')).not.toHaveProperty('rawSnapshot');
  });

  it('writes the unnest and select lists from the same column list', () => {
    expect(unnestEvents(1, ['traceparent'])).toBe(
      'unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::text[], ' +
        '$10::timestamptz[], $11::timestamptz[], $12::text[], $13::text[], $14::text[], $15::uuid[], $16::boolean[], $17::text[], $18::text[]) ' +
        'AS u(id, tenant_id, kind, type, source, schema_version, payload, recipients, customer_id, occurred_at, received_at, ' +
        'request_id, provider, provider_event_id, integration_id, callback_due, raw_snapshot, traceparent)',
    );
    expect(selectEventColumns('e')).toMatch(/^e\.id, e\.tenant_id, .* e\.provider_event_id, e\.integration_id, e\.callback_due$/);
  });
});
