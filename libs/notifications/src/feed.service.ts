// A user's notification feed, newest first by the database-assigned seq: filters, keyset
// cursor or offset, next_cursor.
import { Injectable } from '@nestjs/common';
import { Page, Principal, tenantIdOf, userIdOf } from '@herald/contracts';
import { decodeCursor, encodeCursor } from './feed-cursor';
import { FeedQueryDto } from './feed.dto';
import { FeedItem, NotificationRepository } from './notification.repository';

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
}
