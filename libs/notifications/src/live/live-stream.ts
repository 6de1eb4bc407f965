// One open live stream (GET /notifications/sse): its socket and, only while it replays what
// the client missed, the live frames that arrived meanwhile. An idle stream holds nothing
// but these few fields; no timer of its own (LiveStreams beats for all).
import type { ServerResponse } from 'node:http';
import { TenantId, UserId } from '@herald/contracts';
import type { FeedItem } from '../feed-item';

/**
 * Bytes a client may leave unread in its socket's buffer. Past this it is too slow to follow:
 * the stream ends, and the client reconnects with Last-Event-ID and catches up from the
 * database instead of growing this process's memory.
 */
export const MAX_UNREAD_BYTES = 256 * 1024;

interface PendingFrame {
  id: string;
  frame: string;
}

/** One SSE event: `id:` the notification id, `data:` the feed item (JSON has no raw newlines). */
export function eventFrame(item: FeedItem): string {
  return `id: ${item.id}\ndata: ${JSON.stringify(item)}\n\n`;
}

export class LiveStream {
  /** Live frames held while the replay runs; undefined once the stream is live. */
  private pending: PendingFrame[] | undefined = [];
  private started = false;
  private ended = false;
  /** Which slice of LiveStreams' heartbeats this stream is in. */
  heartbeatSlice = 0;

  constructor(
    readonly tenantId: TenantId,
    readonly userId: UserId,
    private readonly response: ServerResponse,
    private readonly onEnd: (stream: LiveStream) => void,
  ) {
    response.once('close', () => this.end());
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** Sends the status line and headers; nothing is written before. */
  start(headers: Record<string, string | number | string[]>): void {
    if (this.ended) return;
    this.response.writeHead(200, headers);
    this.started = true;
    // EventSource waits this long before reconnecting after the stream ends
    this.write('retry: 2000\n\n');
  }

  /** A frame from the broadcast queue: written now when live, held while replaying. */
  push(id: string, frame: string): void {
    if (this.pending) this.pending.push({ id, frame });
    else this.write(frame);
  }

  /** A frame of the replay, written at once. */
  replay(frame: string): void {
    this.write(frame);
  }

  /** Ends the replay: writes the held frames the replay did not already send, in arrival order. */
  goLive(replayed: ReadonlySet<string>): void {
    const held = this.pending ?? [];
    this.pending = undefined;
    for (const { id, frame } of held) if (!replayed.has(id)) this.write(frame);
  }

  heartbeat(): void {
    if (this.started) this.write(': heartbeat\n\n');
  }

  /** Unregisters the stream and, once it started, ends the response (before that, the caller answers). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.pending = undefined;
    if (this.started && !this.response.writableEnded) this.response.end();
    this.onEnd(this);
  }

  private write(chunk: string): void {
    if (this.ended || !this.started) return;
    this.response.write(chunk);
    if (this.response.writableLength > MAX_UNREAD_BYTES) this.end();
  }
}
