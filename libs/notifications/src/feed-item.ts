// What a feed item is (SPEC §7: the shape GET /notifications, GET /:id and the live stream
// show), how a stored row becomes one, and how a new notification looks to each recipient.
import { NotificationAction } from '@herald/platform/persistence';
import { FeedPosition } from './feed-cursor';
import type { NewNotification } from './notification-batch';

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

export type FeedRow = Omit<FeedItem, 'created_at' | 'read' | 'read_at'> & { created_at: Date; read_at: Date | null; seq: string };

/** What a feed row selects: the notification and the user's read state and order. */
export const FEED_COLUMNS = 'n.id, n.type, n.severity, n.scope, n.title, n.summary, n.content, n.customer_id, r.created_at, r.read_at, n.actions, r.seq';
/** A recipient row of user $2 in tenant $1 that they have not hidden. */
export const VISIBLE_TO_USER = 'r.tenant_id = $1 AND r.user_id = $2 AND r.hidden_at IS NULL';

/** A new notification as each recipient's feed shows it: unread. */
export function newFeedItem(notification: NewNotification, createdAt: Date): FeedItem {
  return {
    id: notification.id,
    type: notification.type,
    severity: notification.severity,
    scope: notification.scope,
    title: notification.title,
    summary: notification.summary,
    content: notification.content,
    customer_id: notification.customerId,
    created_at: createdAt.toISOString(),
    read: false,
    read_at: null,
    actions: notification.actions,
  };
}

export function toFeedItem(row: FeedRow): FeedItem {
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
