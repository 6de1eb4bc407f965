// Accepts business events through one acceptance path (acceptEvent) for the single route,
// the facades and the batch, then a durable write (events + outbox + Idempotency-Key + audit
// in one statement) before the caller gets 202. A batch is one unit: its valid items commit
// together, with one key for the whole request.
import { Injectable, Inject } from '@nestjs/common';
import { isFacadeSegment, NotFoundError, Principal } from '@herald/contracts';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { AcceptedEvent } from '@herald/event-store';
import { acceptEvent, currentOrigin, facadeEnvelope } from './event-acceptance';
import { BatchAcceptedResponse, BatchItemResult, batchItems, itemError } from './event-batch';
import { CreatedAnswer, UnitWriter } from './unit-writer';

export interface EventAcceptedResponse {
  event_id: string;
  queued: true;
}

@Injectable()
export class EventIngestionService {
  constructor(
    private readonly units: UnitWriter,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
  ) {}

  publish(principal: Principal, body: unknown, key?: string): Promise<CreatedAnswer<EventAcceptedResponse>> {
    return this.publishAs('events', principal, body, key);
  }

  /** A facade route: `segment` names the canonical type; an unknown one is 404. */
  publishFacade(principal: Principal, segment: string, body: unknown, key?: string): Promise<CreatedAnswer<EventAcceptedResponse>> {
    if (!isFacadeSegment(segment)) throw new NotFoundError('event facade', segment);
    return this.publishAs(`events/${segment}`, principal, facadeEnvelope(segment, body), key);
  }

  /**
   * Each item is checked on its own and the valid ones are stored together, as one unit: all
   * of them or, when the store is unavailable, none (503, and the client retries the batch as
   * it is). The key covers the whole request, refusals included.
   */
  publishBatch(principal: Principal, body: unknown, key?: string): Promise<CreatedAnswer<BatchAcceptedResponse>> {
    const origin = currentOrigin();
    const results: BatchItemResult[] = [];
    const events: AcceptedEvent[] = [];
    batchItems(body).forEach((item, index) => {
      try {
        const event = acceptEvent(principal, item, this.config, origin);
        events.push(event);
        results.push({ index, event_id: event.id });
      } catch (err) {
        results.push(itemError(index, err));
      }
    });
    return this.units.store(principal, { operation: 'events/batch', body, key }, events, { results });
  }

  private publishAs(operation: string, principal: Principal, body: unknown, key: string | undefined): Promise<CreatedAnswer<EventAcceptedResponse>> {
    const event = acceptEvent(principal, body, this.config, currentOrigin());
    return this.units.store(principal, { operation, body, key }, [event], { event_id: event.id, queued: true as const });
  }
}
