// Accepts a business event: envelope shape, tenant check, payload size, payload schema,
// alert scope, then a durable write (event + outbox in one transaction) before the caller
// gets 202. The envelope and the payload are each checked once, by compiled JSON Schemas.
import { Injectable, Inject } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  eventSchemaRegistry,
  InsufficientPermissionsError,
  MalformedRequestError,
  PayloadTooLargeError,
  Principal,
  UnprocessableError,
} from '@herald/contracts';
import { resolveTenant } from '@herald/platform/auth';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { RequestContext } from '@herald/platform/observability';
import { OutboxWriter } from '@herald/event-store';

const ALERT_SEVERITIES = new Set(['high', 'critical']);

export interface EventAcceptedResponse {
  event_id: string;
  queued: true;
}

@Injectable()
export class EventIngestionService {
  constructor(
    private readonly writer: OutboxWriter,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
  ) {}

  async publish(principal: Principal, body: unknown): Promise<EventAcceptedResponse> {
    const envelope = eventSchemaRegistry.parseEnvelope(body);
    if (!envelope.ok) throw new MalformedRequestError('The request is invalid', envelope.errors);
    const event = envelope.event;
    const tenantId = resolveTenant(principal, event.tenant_id);
    const payloadBytes = Buffer.byteLength(JSON.stringify(event.payload));
    if (payloadBytes > this.config.maxEventPayloadBytes) {
      throw new PayloadTooLargeError(this.config.maxEventPayloadBytes, 'event payload');
    }
    const result = eventSchemaRegistry.validate(event.type, event.schema_version ?? undefined, event.payload);
    if (!result.ok) {
      const message =
        result.reason === 'unknown_type'
          ? `Unknown event type "${event.type}"`
          : result.reason === 'unknown_version'
            ? `Unknown schema_version ${event.schema_version} for "${event.type}"`
            : 'The payload does not match the event schema';
      throw new UnprocessableError(message, result.errors);
    }
    const severity = event.payload['severity'];
    if (typeof severity === 'string' && ALERT_SEVERITIES.has(severity) && !principal.scopes.includes('alerts:publish')) {
      throw new InsufficientPermissionsError(`Publishing a ${severity} alert needs the alerts:publish scope`, {
        required_scopes: ['alerts:publish'],
      });
    }
    const context = RequestContext.current();
    const eventId = randomUUID();
    await this.writer.append({
      id: eventId,
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
      requestId: context?.requestId ?? randomUUID(),
      traceparent: context?.traceparent ?? '',
    });
    return { event_id: eventId, queued: true };
  }
}
