// Accepts business events through one acceptance path (acceptEvent) for the single route,
// the facades and the batch, then a durable write (event + outbox in one transaction)
// before the caller gets 202. A batch appends all its valid items in one tick, so the
// grouped writer commits them together.
import { Injectable, Inject } from '@nestjs/common';
import { isFacadeSegment, NotFoundError, Principal, ServiceUnavailableError } from '@herald/contracts';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { AcceptedEvent, OutboxWriter } from '@herald/event-store';
import { acceptEvent, currentOrigin, facadeEnvelope } from './event-acceptance';
import { BatchAcceptedResponse, BatchItemResult, batchItems, itemError } from './event-batch';

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
    const { eventId } = await this.writer.append(event);
    return { event_id: eventId, queued: true };
  }

  /** A facade route: `segment` names the canonical type; an unknown one is 404. */
  publishFacade(principal: Principal, segment: string, body: unknown): Promise<EventAcceptedResponse> {
    if (!isFacadeSegment(segment)) throw new NotFoundError('event facade', segment);
    return this.publish(principal, facadeEnvelope(segment, body));
  }

  /**
   * Each item is accepted or refused on its own. When nothing could be stored because the
   * store is unavailable, the whole request is a 503 the client can retry as it is.
   */
  async publishBatch(principal: Principal, body: unknown): Promise<BatchAcceptedResponse> {
    const origin = currentOrigin();
    const results: BatchItemResult[] = [];
    const accepted: Array<{ index: number; event: AcceptedEvent }> = [];
    batchItems(body).forEach((item, index) => {
      try {
        accepted.push({ index, event: acceptEvent(principal, item, this.config, origin) });
      } catch (err) {
        results.push(itemError(index, err));
      }
    });
    // every append in this one synchronous pass, so the writer groups them into one commit
    const writes = accepted.map(({ event }) => this.writer.append(event));
    const outcomes = await Promise.allSettled(writes);
    outcomes.forEach((outcome, i) => {
      const { index } = accepted[i];
      results.push(outcome.status === 'fulfilled' ? { index, event_id: outcome.value.eventId } : itemError(index, outcome.reason));
    });
    const stored = outcomes.some((o) => o.status === 'fulfilled');
    const unavailable = outcomes.find((o) => o.status === 'rejected' && o.reason instanceof ServiceUnavailableError);
    if (!stored && unavailable) throw (unavailable as PromiseRejectedResult).reason;
    return { results: results.sort((a, b) => a.index - b.index) };
  }
}
