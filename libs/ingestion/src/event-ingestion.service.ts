// Accepts a business event through the shared acceptance path (acceptEvent), then a durable
// write (event + outbox in one transaction) before the caller gets 202.
import { Injectable, Inject } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Principal } from '@herald/contracts';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { RequestContext } from '@herald/platform/observability';
import { OutboxWriter } from '@herald/event-store';
import { AcceptanceOrigin, acceptEvent } from './event-acceptance';

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
    const event = acceptEvent(principal, body, this.config, currentOrigin());
    await this.writer.append(event);
    return { event_id: event.id, queued: true };
  }
}

function currentOrigin(): AcceptanceOrigin {
  const context = RequestContext.current();
  return { requestId: context?.requestId ?? randomUUID(), traceparent: context?.traceparent ?? '' };
}
