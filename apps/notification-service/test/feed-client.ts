// What the notification-service suites do as the outside world: publish an accepted event to
// herald.events exactly as the relay does, and read a user's feed over HTTP.
import { EventAcceptedMessage, Exchanges, eventRoutingKey } from '@herald/contracts';
import { MessagePublisher } from '@herald/platform/messaging';
import { TestApp } from '@herald/platform/testing';

export interface FeedBody {
  success: boolean;
  data: Array<{ id: string; type: string; severity: string; summary: string; read: boolean; customer_id: string | null; created_at: string }>;
  meta: { next_cursor: string | null };
  error?: { code: string };
}

export function publishEvent(app: TestApp, message: EventAcceptedMessage): Promise<void> {
  return app.app.get(MessagePublisher).publish({
    exchange: Exchanges.events,
    routingKey: eventRoutingKey(message.kind, message.type),
    body: message,
    headers: { event_id: message.event_id, tenant_id: message.tenant_id, request_id: 'feed-test', attempt: 1, traceparent: '' },
  });
}

export async function readFeed(app: TestApp, token: string, query = ''): Promise<{ status: number; body: FeedBody }> {
  const res = await fetch(`${app.url}/api/v1/notifications${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as FeedBody };
}

/** Follows next_cursor from the newest item to the oldest; returns every summary in order. */
export async function readWholeFeed(app: TestApp, token: string, pageSize: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const { status, body }: { status: number; body: FeedBody } = await readFeed(app, token, `?limit=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`);
    if (status !== 200) throw new Error(`feed answered ${status}`);
    if (body.data.length > pageSize) throw new Error(`a page of ${body.data.length} items for limit=${pageSize}`);
    seen.push(...body.data.map((n) => n.summary));
    cursor = body.meta.next_cursor;
  } while (cursor);
  return seen;
}
