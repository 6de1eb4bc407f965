// What the other contexts leave behind for an event, written straight into their tables as
// test setup (the management API only reads them): the event store's event, the notification
// service's processing report, the delivery worker's deliveries and attempts.
import { randomUUID } from 'node:crypto';
import { TestApp } from '@herald/platform/testing';

export interface EventSeed {
  tenantId: string;
  type?: string;
  kind?: 'business' | 'notification' | 'webhook';
  provider?: string;
  subject?: string;
  rawSnapshot?: unknown;
  occurredAt: string;
  receivedAt: string;
}

/**
 * An event as the gateway (no provider) or the ingress (provider, subject, raw snapshot, and a
 * callback due: its integration has a callback URL) stores it; returns its id.
 */
export async function seedEvent(app: TestApp, seed: EventSeed): Promise<string> {
  const id = randomUUID();
  const webhook = seed.provider !== undefined;
  const payload = webhook ? { subject: seed.subject ?? null, data: { n: 1 } } : { impact_amount: 10, impact_type: 'gain' };
  await app.dataSource.query(
    `INSERT INTO events (id, tenant_id, kind, type, source, schema_version, payload, occurred_at, received_at, request_id, provider, provider_event_id, integration_id, raw_snapshot, callback_due)
     VALUES ($1, $2, $3, $4, $5, 1, $6::jsonb, $7, $8, $9, $10, $11, $12, $13::jsonb, $14)`,
    [
      id,
      seed.tenantId,
      seed.kind ?? (webhook ? 'webhook' : 'business'),
      seed.type ?? (webhook ? `${seed.provider}.order.paid` : 'revenue_impact'),
      seed.provider ?? 'billing',
      JSON.stringify(payload),
      seed.occurredAt,
      seed.receivedAt,
      `req-${id.slice(0, 8)}`,
      seed.provider ?? null,
      webhook ? `pe-${id.slice(0, 8)}` : null,
      webhook ? randomUUID() : null,
      seed.rawSnapshot === undefined ? null : JSON.stringify(seed.rawSnapshot),
      webhook ? true : null,
    ],
  );
  return id;
}

/** The notification service's report on processing the event. */
export async function seedProcessing(app: TestApp, tenantId: string, eventId: string, status: 'processed' | 'retrying' | 'failed', attempts = 1): Promise<void> {
  await app.dataSource.query(
    `INSERT INTO event_processing (event_id, tenant_id, status, attempts, last_error, notification_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [eventId, tenantId, status, attempts, status === 'processed' ? null : 'relation "x" does not exist', status === 'processed' ? randomUUID() : null],
  );
}

export type DeliveryStatus = 'pending' | 'retrying' | 'paused' | 'succeeded' | 'failed';

export interface AttemptSeed {
  outcome: 'success' | 'retry' | 'fail';
  statusCode?: number;
  errorClass?: string;
  responseBody?: string;
}

/** A webhook delivery of the event in `status`, with its attempts; returns its id. */
export async function seedDelivery(app: TestApp, tenantId: string, eventId: string, status: DeliveryStatus, attempts: AttemptSeed[] = []): Promise<string> {
  const id = `${eventId}:${randomUUID()}`;
  const due = status === 'pending' || status === 'retrying';
  const last = attempts[attempts.length - 1];
  await app.dataSource.query(
    `INSERT INTO deliveries (id, tenant_id, event_id, channel, destination_key, job, request_id, status, attempts, next_attempt_at, last_status, last_error, completed_at)
     VALUES ($1, $2, $3, 'webhook', $4, '{}'::jsonb, 'req-delivery', $5, $6,
             CASE WHEN $7 THEN now() + interval '1 minute' END, $8, $9, CASE WHEN $5 IN ('succeeded', 'failed') THEN now() END)`,
    [id, tenantId, eventId, `webhook_subscription:${randomUUID()}`, status, attempts.length, due, last?.statusCode ?? null, status === 'failed' ? 'http_4xx' : null],
  );
  for (const [i, a] of attempts.entries()) {
    await app.dataSource.query(
      `INSERT INTO delivery_attempts (delivery_id, attempt, tenant_id, outcome, status_code, error_class, latency_ms, response_body)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, i + 1, tenantId, a.outcome, a.statusCode ?? null, a.errorClass ?? null, 40 + i, a.responseBody ?? null],
    );
  }
  return id;
}

/** How the operator routes show a webhook delivery seeded by `seedDelivery`, with what a test pins. */
export function shownDelivery(fields: { id: string; tenant_id: string; event_id: string; status: DeliveryStatus; attempt_count: number; last_status_code: number | null }): Record<string, unknown> {
  const done = fields.status === 'succeeded' || fields.status === 'failed';
  const due = fields.status === 'pending' || fields.status === 'retrying';
  return {
    channel: 'webhook',
    destination: expect.stringMatching(/^webhook_subscription:/),
    next_attempt_at: due ? expect.any(String) : null,
    last_error: fields.status === 'failed' ? 'http_4xx' : null,
    created_at: expect.any(String),
    completed_at: done ? expect.any(String) : null,
    ...fields,
  };
}
