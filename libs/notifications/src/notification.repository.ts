// Every query on notifications and notification_recipients. Writes are idempotent by
// (tenant_id, event_id); reads always take the tenant and the user.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationAction } from '@herald/platform/persistence';
import { FeedPosition } from './feed-cursor';

export interface NewNotification {
  id: string;
  tenantId: string;
  eventId: string;
  type: string;
  severity: string;
  scope: string;
  title: string;
  summary: string;
  content: Record<string, unknown>;
  customerId: string | null;
  actions: NotificationAction[];
}

export interface FeedItem {
  id: string;
  type: string;
  severity: string;
  scope: string;
  title: string;
  summary: string;
  content: Record<string, unknown>;
  customer_id: string | null;
  created_at: string;
  read: boolean;
  read_at: string | null;
  actions: NotificationAction[];
}

export interface FeedFilter {
  scope?: string;
  severities?: string[];
  status: 'read' | 'unread' | 'all';
  customerId?: string;
  type?: string;
  limit: number;
  after?: FeedPosition;
  offset?: number;
}

type FeedRow = Omit<FeedItem, 'created_at' | 'read' | 'read_at'> & { created_at: Date; read_at: Date | null };

@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the notification and its recipients once; a redelivery finds them and adds nothing. */
  async saveForEvent(notification: NewNotification, recipients: string[]): Promise<{ id: string; created: boolean }> {
    return this.dataSource.transaction(async (tx) => {
      const inserted: Array<{ id: string; created_at: Date }> = await tx.query(
        `INSERT INTO notifications (id, tenant_id, event_id, type, severity, scope, title, summary, content, customer_id, actions, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11::jsonb, $12)
         ON CONFLICT ON CONSTRAINT uq_notifications_tenant_event DO NOTHING
         RETURNING id, created_at`,
        [
          notification.id,
          notification.tenantId,
          notification.eventId,
          notification.type,
          notification.severity,
          notification.scope,
          notification.title,
          notification.summary,
          JSON.stringify(notification.content),
          notification.customerId,
          JSON.stringify(notification.actions),
          // millisecond precision keeps the feed cursor (an ISO timestamp) exact
          new Date(),
        ],
      );
      if (inserted.length === 0) {
        const [existing]: Array<{ id: string }> = await tx.query(
          'SELECT id FROM notifications WHERE tenant_id = $1 AND event_id = $2',
          [notification.tenantId, notification.eventId],
        );
        return { id: existing.id, created: false };
      }
      await tx.query(
        `INSERT INTO notification_recipients (notification_id, user_id, tenant_id, created_at)
         SELECT $1, u, $2, $3 FROM unnest($4::text[]) AS u
         ON CONFLICT DO NOTHING`,
        [inserted[0].id, notification.tenantId, inserted[0].created_at, recipients],
      );
      return { id: inserted[0].id, created: true };
    });
  }

  async feed(tenantId: string, userId: string, filter: FeedFilter): Promise<FeedItem[]> {
    const params: unknown[] = [tenantId, userId];
    const where = ['r.tenant_id = $1', 'r.user_id = $2', 'r.hidden_at IS NULL'];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      where.push(sql(params.length));
    };
    if (filter.scope) add((n) => `n.scope = $${n}`, filter.scope);
    if (filter.severities?.length) add((n) => `n.severity = ANY($${n}::text[])`, filter.severities);
    if (filter.customerId) add((n) => `n.customer_id = $${n}`, filter.customerId);
    if (filter.type) add((n) => `n.type = $${n}`, filter.type);
    if (filter.status === 'read') where.push('r.read_at IS NOT NULL');
    if (filter.status === 'unread') where.push('r.read_at IS NULL');
    if (filter.after) {
      params.push(filter.after.createdAt, filter.after.id);
      where.push(`(r.created_at, r.notification_id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(filter.limit);
    const limit = `LIMIT $${params.length}`;
    let offset = '';
    if (!filter.after && filter.offset) {
      params.push(filter.offset);
      offset = `OFFSET $${params.length}`;
    }
    const rows: FeedRow[] = await this.dataSource.query(
      `SELECT n.id, n.type, n.severity, n.scope, n.title, n.summary, n.content, n.customer_id, r.created_at, r.read_at, n.actions
       FROM notification_recipients r JOIN notifications n ON n.id = r.notification_id
       WHERE ${where.join(' AND ')}
       ORDER BY r.created_at DESC, r.notification_id DESC
       ${limit} ${offset}`,
      params,
    );
    return rows.map(toFeedItem);
  }
}

function toFeedItem(row: FeedRow): FeedItem {
  return {
    id: row.id,
    type: row.type,
    severity: row.severity,
    scope: row.scope,
    title: row.title,
    summary: row.summary,
    content: row.content,
    customer_id: row.customer_id,
    created_at: new Date(row.created_at).toISOString(),
    read: row.read_at !== null,
    read_at: row.read_at ? new Date(row.read_at).toISOString() : null,
    actions: row.actions,
  };
}
