// Opens a live stream for the caller: takes a slot (429 past SSE_MAX_PER_USER on this
// replica), holds live pushes, replays from the database what came after Last-Event-ID in
// seq order, then sends the held pushes the replay did not cover — nothing missed, nothing
// twice — and stays live until the client leaves or the replica shuts down.
import { Inject, Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { Principal, ServiceUnavailableError, tenantIdOf, TenantId, UserId, userIdOf } from '@herald/contracts';
import { HERALD_LOGGER, HeraldLogger, ShutdownDrain } from '@herald/platform/observability';
import { isUuid } from '../feed.service';
import { NotificationRepository } from '../notification.repository';
import { eventFrame, LiveStream } from './live-stream';
import { LiveStreams } from './live-streams';

const SHUTTING_DOWN = 'This replica is shutting down; reconnect';
/** Items read per replay query. */
const REPLAY_PAGE = 200;

const STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
};

/** The HTTP exchange a stream takes over: the raw response and the headers already set on it (CORS, x-request-id). */
export interface StreamExchange {
  response: ServerResponse;
  headers: Record<string, string | number | string[]>;
  /** Tells the framework the handler writes the response itself. */
  takeOver(): void;
}

@Injectable()
export class LiveStreamService {
  constructor(
    private readonly streams: LiveStreams,
    private readonly notifications: NotificationRepository,
    private readonly drain: ShutdownDrain,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
  ) {}

  /** Throws (answered by the filter) only before the stream starts; after that, a failure ends the stream. */
  async open(principal: Principal, lastEventId: string | undefined, exchange: StreamExchange): Promise<void> {
    if (this.drain.isDraining) throw new ServiceUnavailableError(SHUTTING_DOWN, 1);
    const tenantId = tenantIdOf(principal);
    const userId = userIdOf(principal);
    const stream = this.streams.add(tenantId, userId, exchange.response);
    let position: string | undefined;
    try {
      position = typeof lastEventId === 'string' && isUuid(lastEventId) ? await this.notifications.positionOf(tenantId, userId, lastEventId) : undefined;
    } catch (err) {
      stream.end();
      throw err;
    }
    // shut down (or the client left) while we looked the position up: nothing was sent yet
    if (stream.isEnded) throw new ServiceUnavailableError(SHUTTING_DOWN, 1);
    exchange.takeOver();
    stream.start({ ...exchange.headers, ...STREAM_HEADERS });
    try {
      const replayed = position === undefined ? new Set<string>() : await this.replay(stream, tenantId, userId, position);
      // the client has this one already: a push of it held meanwhile (another replica's
      // broadcast queue can be later than the one the client left) is not sent again
      if (position !== undefined && lastEventId) replayed.add(lastEventId);
      stream.goLive(replayed);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'live stream replay failed; ending the stream');
      stream.end();
    }
  }

  /** Writes the user's items after `position`, oldest first, page by page; returns their ids. */
  private async replay(stream: LiveStream, tenantId: TenantId, userId: UserId, position: string): Promise<Set<string>> {
    const replayed = new Set<string>();
    let after = position;
    while (!stream.isEnded) {
      const page = await this.notifications.after(tenantId, userId, after, REPLAY_PAGE);
      for (const { item, seq } of page) {
        stream.replay(eventFrame(item));
        replayed.add(item.id);
        after = seq;
      }
      if (page.length < REPLAY_PAGE) break;
    }
    return replayed;
  }
}
