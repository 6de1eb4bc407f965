// Accepts a business event: tenant check, payload size, schema validation, alert scope,
// then a durable write (event + outbox in one transaction) before the caller gets 202.
import { Injectable, Inject } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  eventSchemaRegistry,
  InsufficientPermissionsError,
  PayloadTooLargeError,
  Principal,
  UnprocessableError,
} from '@herald/contracts';
import { resolveTenant } from '@herald/platform/auth';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { RequestContext } from '@herald/platform/observability';
import { OutboxWriter } from '@herald/event-store';
import { EventAcceptedResponse, PublishEventDto } from './publish-event.dto';

const ALERT_SEVERITIES = new Set(['high', 'critical']);

@Injectable()
export class EventIngestionService {
  constructor(
    private readonly writer: OutboxWriter,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
  ) {}

  async publish(principal: Principal, dto: PublishEventDto): Promise<EventAcceptedResponse> {
    const tenantId = resolveTenant(principal, dto.tenant_id);
    const payloadBytes = Buffer.byteLength(JSON.stringify(dto.payload));
    if (payloadBytes > this.config.maxEventPayloadBytes) {
      throw new PayloadTooLargeError(this.config.maxEventPayloadBytes, 'event payload');
    }
    const result = eventSchemaRegistry.validate(dto.type, dto.schema_version, dto.payload);
    if (!result.ok) {
      const message =
        result.reason === 'unknown_type'
          ? `Unknown event type "${dto.type}"`
          : result.reason === 'unknown_version'
            ? `Unknown schema_version ${dto.schema_version} for "${dto.type}"`
            : 'The payload does not match the event schema';
      throw new UnprocessableError(message, result.errors);
    }
    const severity = dto.payload['severity'];
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
      type: dto.type,
      source: dto.source,
      schemaVersion: result.version,
      payload: dto.payload,
      recipients: null,
      customerId: typeof dto.payload['customer_id'] === 'string' ? dto.payload['customer_id'] : null,
      occurredAt: new Date(dto.timestamp),
      receivedAt: new Date(),
      requestId: context?.requestId ?? randomUUID(),
      traceparent: context?.traceparent ?? '',
    });
    return { event_id: eventId, queued: true };
  }
}
