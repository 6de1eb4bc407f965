// Every query on notifications and notification_recipients. Every method takes the tenant
// first (a TenantId, so it cannot be forgotten or swapped with a user id); writes are
// idempotent by (tenant_id, event_id) and ordered by a database-assigned seq; reads also
// take the user.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TenantId, UserId } from '@herald/contracts';
import { NotificationAction } from '@herald/platform/persistence';
import { FeedPosition } from './feed-cursor';

export interface NewNotification {
  id: string;
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

/** A feed item and its place in the feed (notifications.seq), which only the cursor uses. */
export interface FeedEntry {
  item: FeedItem;
  seq: string;
}

type FeedRow = Omit<FeedItem, 'created_at' | 'read' | 'read_at'> & { created_at: Date; read_at: Date | null; seq: string };

/**
 * Key of the transaction-scoped advisory lock that serializes "draw notifications.seq, then
 * commit" across every replica. Without it, transaction A could draw 10, B draw 11 and
 * commit first: a reader that saw 11 and later asks for what came after it never sees 10.
 * With it, a seq is drawn only after every smaller one is committed (the lock is released
 * after the commit is visible), so seq order is commit order. The cost: notification
 * commits are serialized, one commit's fsync at a time; more throughput comes from storing
 * several events per transaction, not from more replicas.
 */
export const NOTIFICATION_ORDER_LOCK = 7_211_300;

@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores the notification and its recipients once; a redelivery finds them and adds
   * nothing. The inserts, which draw the seq, come last in the transaction, right after the
   * order lock, so the lock is held only for them and the commit. Anything else a caller
   * adds to this transaction later (an outbox row) belongs before the lock.
   */
  async saveForEvent(
    tenantId: TenantId,
    notification: NewNotification,
    recipients: readonly UserId[],
  ): Promise<{ id: string; created: boolean }> {
    return this.dataSource.transaction(async (tx) => {
      const existing = await findForEvent(tx, tenantId, notification.eventId);
      if (existing) return { id: existing, created: false };
      await tx.query('SELECT pg_advisory_xact_lock($1)', [NOTIFICATION_ORDER_LOCK]);
      const inserted = await insertNotification(tx, tenantId, notification);
      // another replica stored the same event between our look and our lock
      if (!inserted) return { id: (await findForEvent(tx, tenantId, notification.eventId)) as string, created: false };
      await tx.query(
        `INSERT INTO notification_recipients (notification_id, user_id, tenant_id, created_at, seq)
         SELECT $1, u, $2, $3, $4 FROM unnest($5::text[]) AS u
         ON CONFLICT DO NOTHING`,
        [inserted.id, tenantId, inserted.created_at, inserted.seq, recipients],
      );
      return { id: inserted.id, created: true };
    });
  }

  /** A user's feed, newest first by seq; `after` pages below a cursor's seq. */
  async feed(tenantId: TenantId, userId: UserId, filter: FeedFilter): Promise<FeedEntry[]> {
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
    if (filter.after) add((n) => `r.seq < $${n}::bigint`, filter.after.seq);
    params.push(filter.limit);
    const limit = `LIMIT $${params.length}`;
    let offset = '';
    if (!filter.after && filter.offset) {
      params.push(filter.offset);
      offset = `OFFSET $${params.length}`;
    }
    const rows: FeedRow[] = await this.dataSource.query(
      `SELECT ${FEED_COLUMNS}
       FROM notification_recipients r JOIN notifications n ON n.id = r.notification_id
       WHERE ${where.join(' AND ')}
       ORDER BY r.seq DESC
       ${limit} ${offset}`,
      params,
    );
    return rows.map((row) => ({ item: toFeedItem(row), seq: String(row.seq) }));
  }

  /** One item of the user's feed; undefined when it is not theirs, another tenant's or hidden. */
  async item(tenantId: TenantId, userId: UserId, id: string): Promise<FeedItem | undefined> {
    const rows: FeedRow[] = await this.dataSource.query(
      `SELECT ${FEED_COLUMNS}
       FROM notification_recipients r JOIN notifications n ON n.id = r.notification_id
       WHERE ${VISIBLE_TO_USER} AND r.notification_id = $3`,
      [tenantId, userId, id],
    );
    return rows[0] ? toFeedItem(rows[0]) : undefined;
  }

  /**
   * Marks the user's items read (keeping the first read time, so it is idempotent) or unread;
   * returns the ids that are the user's and visible — the others are left alone, unnamed.
   */
  async setRead(tenantId: TenantId, userId: UserId, ids: readonly string[], read: boolean): Promise<string[]> {
    // TypeORM answers an UPDATE with [rows, affected count]
    const [rows]: [Array<{ notification_id: string }>, number] = await this.dataSource.query(
      `UPDATE notification_recipients r
       SET read_at = CASE WHEN $4::boolean THEN coalesce(r.read_at, now()) ELSE NULL END
       WHERE ${VISIBLE_TO_USER} AND r.notification_id = ANY($3::uuid[])
       RETURNING r.notification_id`,
      [tenantId, userId, ids, read],
    );
    return rows.map((r) => r.notification_id);
  }

  /** Hides an item from the user's feed (others who got it keep it); false when it was not visible to them. */
  async hide(tenantId: TenantId, userId: UserId, id: string): Promise<boolean> {
    const [, hidden]: [unknown[], number] = await this.dataSource.query(
      `UPDATE notification_recipients r SET hidden_at = now()
       WHERE ${VISIBLE_TO_USER} AND r.notification_id = $3`,
      [tenantId, userId, id],
    );
    return hidden > 0;
  }
}

/** What a feed row selects: the notification and the user's read state and order. */
const FEED_COLUMNS = 'n.id, n.type, n.severity, n.scope, n.title, n.summary, n.content, n.customer_id, r.created_at, r.read_at, n.actions, r.seq';
/** A recipient row of user $2 in tenant $1 that they have not hidden. */
const VISIBLE_TO_USER = 'r.tenant_id = $1 AND r.user_id = $2 AND r.hidden_at IS NULL';

interface InsertedNotification {
  id: string;
  seq: string;
  created_at: Date;
}

async function findForEvent(tx: EntityManager, tenantId: TenantId, eventId: string): Promise<string | undefined> {
  const rows: Array<{ id: string }> = await tx.query('SELECT id FROM notifications WHERE tenant_id = $1 AND event_id = $2', [
    tenantId,
    eventId,
  ]);
  return rows[0]?.id;
}

/** Draws the seq; created_at is the database's clock too, for display only (order is seq). */
async function insertNotification(
  tx: EntityManager,
  tenantId: TenantId,
  notification: NewNotification,
): Promise<InsertedNotification | undefined> {
  const rows: InsertedNotification[] = await tx.query(
    `INSERT INTO notifications (id, tenant_id, event_id, type, severity, scope, title, summary, content, customer_id, actions)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11::jsonb)
     ON CONFLICT ON CONSTRAINT uq_notifications_tenant_event DO NOTHING
     RETURNING id, seq, created_at`,
    [
      notification.id,
      tenantId,
      notification.eventId,
      notification.type,
      notification.severity,
      notification.scope,
      notification.title,
      notification.summary,
      JSON.stringify(notification.content),
      notification.customerId,
      JSON.stringify(notification.actions),
    ],
  );
  return rows[0];
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
