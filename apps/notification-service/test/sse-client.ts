// A live-stream client for the suites, as a browser-free program sees the stream: node's
// fetch with a streaming body reader, parsing `id:`/`data:` events and `:` comments as they
// arrive.
import { TestApp } from '@herald/platform/testing';

export interface LiveEvent {
  id: string;
  data: { id: string; summary: string; [field: string]: unknown };
}

export interface LiveClient {
  status: number;
  headers: Headers;
  /** The body of a refused request (JSON envelope); undefined for a stream. */
  refusal?: { success: boolean; error: { code: string } };
  events: LiveEvent[];
  comments: string[];
  /** True once the server ended the stream. */
  ended: boolean;
  /** Waits until `count` events have arrived (or fails after `timeoutMs`). */
  waitForEvents(count: number, timeoutMs?: number): Promise<LiveEvent[]>;
  waitFor(condition: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): void;
}

export async function openLiveStream(app: TestApp, options: { token?: string; query?: string; headers?: Record<string, string> } = {}): Promise<LiveClient> {
  const abort = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream', ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  const res = await fetch(`${app.url}/api/v1/notifications/sse${options.query ?? ''}`, { headers, signal: abort.signal });
  const client: LiveClient = {
    status: res.status,
    headers: res.headers,
    events: [],
    comments: [],
    ended: false,
    waitForEvents: async (count, timeoutMs = 10_000) => {
      await client.waitFor(() => client.events.length >= count, `${count} live events (got ${client.events.length})`, timeoutMs);
      return client.events;
    },
    waitFor: async (condition, what, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => abort.abort(),
  };
  if (!(res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
    client.refusal = (await res.json()) as LiveClient['refusal'];
    client.ended = true;
    return client;
  }
  void readEvents(res, client);
  return client;
}

async function readEvents(res: Response, client: LiveClient): Promise<void> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        parseBlock(buffer.slice(0, end), client);
        buffer = buffer.slice(end + 2);
      }
    }
  } catch {
    // aborted by close()
  }
  client.ended = true;
}

function parseBlock(block: string, client: LiveClient): void {
  let id: string | undefined;
  let data: string | undefined;
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) client.comments.push(line.slice(1).trim());
    else if (line.startsWith('id: ')) id = line.slice(4);
    else if (line.startsWith('data: ')) data = line.slice(6);
  }
  if (id !== undefined && data !== undefined) client.events.push({ id, data: JSON.parse(data) as LiveEvent['data'] });
}
