// Accepting one business event, shared by the single route, the facades and every batch
// item: envelope shape, tenant, payload size, payload schema, alert scope, and then the
// AcceptedEvent the writer stores. Synchronous and side-effect free, so a batch can check
// all its items first and append the valid ones in one tick (one grouped commit).
import { randomUUID } from 'node:crypto';
import {
  CANONICAL_FACADES,
  EventSchemaRejectionReason,
  eventSchemaRegistry,
  FacadeSegment,
  InsufficientPermissionsError,
  MalformedRequestError,
  PayloadTooLargeError,
  Principal,
  PublishedEvent,
  UnprocessableError,
} from '@herald/contracts';
import { resolveTenant } from '@herald/platform/auth';
import { RequestContext } from '@herald/platform/observability';
import { pathOfNul } from '@herald/platform/persistence';
import { AcceptedEvent } from '@herald/event-store';

const ALERT_SEVERITIES = new Set(['high', 'critical']);

/** Envelope fields a facade body carries beside the payload fields (SPEC §4). */
const FACADE_ENVELOPE_FIELDS = new Set(['source', 'timestamp', 'tenant_id', 'schema_version']);

export interface AcceptanceLimits {
  maxEventPayloadBytes: number;
}

/** Where the accepted event came from: its request's id and trace, shared by a batch's items. */
export interface AcceptanceOrigin {
  requestId: string;
  traceparent: string;
}

/** The origin of the request being handled (a fresh request id outside one). */
export function currentOrigin(): AcceptanceOrigin {
  const context = RequestContext.current();
  return { requestId: context?.requestId ?? randomUUID(), traceparent: context?.traceparent ?? '' };
}

/** Checks one published event and builds what the writer stores; throws a typed error with the SPEC code. */
export function acceptEvent(principal: Principal, body: unknown, limits: AcceptanceLimits, origin: AcceptanceOrigin): AcceptedEvent {
  const envelope = eventSchemaRegistry.parseEnvelope(body);
  if (!envelope.ok) throw new MalformedRequestError('The request is invalid', envelope.errors);
  const nul = pathOfNul(body);
  if (nul !== undefined) {
    throw new UnprocessableError('The event contains a value that cannot be stored', [{ path: nul, message: 'must not contain the \\u0000 character' }]);
  }
  const event = envelope.event;
  const tenantId = resolveTenant(principal, event.tenant_id);
  const payloadBytes = Buffer.byteLength(JSON.stringify(event.payload));
  if (payloadBytes > limits.maxEventPayloadBytes) {
    throw new PayloadTooLargeError(limits.maxEventPayloadBytes, 'event payload');
  }
  const result = eventSchemaRegistry.validate(event.type, event.schema_version ?? undefined, event.payload);
  if (!result.ok) throw new UnprocessableError(rejectionMessage(event, result.reason), result.errors);
  assertAlertScope(principal, event.payload);
  return {
    id: randomUUID(),
    tenantId,
    kind: 'business',
    type: event.type,
    source: event.source,
    schemaVersion: result.version,
    payload: event.payload,
    recipients: null,
    customerId: typeof event.payload['customer_id'] === 'string' ? event.payload['customer_id'] : null,
    occurredAt: new Date(event.timestamp),
    receivedAt: new Date(),
    requestId: origin.requestId,
    traceparent: origin.traceparent,
  };
}

/**
 * A facade body (payload fields beside `source`, `timestamp`, `tenant_id?`, `schema_version?`)
 * as the envelope of its canonical type. A body that is not an object is handed on as it is,
 * so the envelope check answers it like the single route does.
 */
export function facadeEnvelope(segment: FacadeSegment, body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const envelope: Record<string, unknown> = { type: CANONICAL_FACADES[segment] };
  const payload: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(body)) {
    if (FACADE_ENVELOPE_FIELDS.has(field)) envelope[field] = value;
    else payload[field] = value;
  }
  envelope['payload'] = payload;
  return envelope;
}

function rejectionMessage(event: PublishedEvent, reason: EventSchemaRejectionReason): string {
  if (reason === 'unknown_type') return `Unknown event type "${event.type}"`;
  if (reason === 'unknown_version') return `Unknown schema_version ${event.schema_version} for "${event.type}"`;
  return 'The payload does not match the event schema';
}

function assertAlertScope(principal: Principal, payload: Record<string, unknown>): void {
  const severity = payload['severity'];
  if (typeof severity === 'string' && ALERT_SEVERITIES.has(severity) && !principal.scopes.includes('alerts:publish')) {
    throw new InsufficientPermissionsError(`Publishing a ${severity} alert needs the alerts:publish scope`, {
      required_scopes: ['alerts:publish'],
    });
  }
}
