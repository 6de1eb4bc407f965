// A user's notification feed, newest first by the database-assigned seq: filters, keyset
// cursor or offset, next_cursor; and what a user does to their own items (read one, mark it
// read or unread, acknowledge several, hide one). Another user's or tenant's item is 404,
// exactly like one that does not exist.
import { Injectable } from '@nestjs/common';
import { NotFoundError, Page, Principal, tenantIdOf, userIdOf } from '@herald/contracts';
import { decodeCursor, encodeCursor } from './feed-cursor';
import { AckDto, FeedQueryDto, ReadStateDto } from './feed.dto';
import { NotificationRepository } from './notification.repository';
import { FeedItem } from './feed-item';

const DEFAULT_LIMIT = 50;

@Injectable()
export class FeedService {
  constructor(private readonly notifications: NotificationRepository) {}

  async list(principal: Principal, query: FeedQueryDto): Promise<Page<FeedItem>> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const entries = await this.notifications.feed(tenantIdOf(principal), userIdOf(principal), {
      scope: query.scope,
      severities: query.severity?.split(',').map((s) => s.trim()).filter(Boolean),
      status: query.status ?? 'all',
      customerId: query.customer_id,
      type: query.type,
      limit: limit + 1,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      offset: query.offset,
    });
    const page = entries.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = entries.length > limit && last ? encodeCursor({ seq: last.seq }) : null;
    const meta = { limit, next_cursor: nextCursor, ...(query.offset !== undefined ? { offset: query.offset } : {}) };
    return new Page(
      page.map((entry) => entry.item),
      meta,
    );
  }

  async item(principal: Principal, id: string): Promise<FeedItem> {
    const item = isUuid(id) ? await this.notifications.item(tenantIdOf(principal), userIdOf(principal), id) : undefined;
    if (!item) throw new NotFoundError('notification', id);
    return item;
  }

  /** Idempotent: reading twice keeps the first read_at; `{read: false}` marks unread. */
  async setRead(principal: Principal, id: string, body: ReadStateDto): Promise<FeedItem> {
    const changed = isUuid(id) ? await this.notifications.setRead(tenantIdOf(principal), userIdOf(principal), [id], body.read ?? true) : [];
    if (changed.length === 0) throw new NotFoundError('notification', id);
    return this.item(principal, id);
  }

  /** Marks read what the caller can see among `ids` and names only those. */
  async ack(principal: Principal, body: AckDto): Promise<{ acknowledged: string[] }> {
    const ids = [...new Set(body.ids.filter(isUuid))];
    const acknowledged = ids.length ? await this.notifications.setRead(tenantIdOf(principal), userIdOf(principal), ids, true) : [];
    return { acknowledged: ids.filter((id) => acknowledged.includes(id)) };
  }

  /** Hides the item for the caller only; a second delete is 404 (it is gone for them). */
  async hide(principal: Principal, id: string): Promise<{ id: string; deleted: true }> {
    const hidden = isUuid(id) && (await this.notifications.hide(tenantIdOf(principal), userIdOf(principal), id));
    if (!hidden) throw new NotFoundError('notification', id);
    return { id, deleted: true };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Notification ids are UUIDs; anything else names no notification (404, never a cast error). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
