// How one batch of event notifications is stored (NotificationRepository.saveBatch): the
// shapes it takes and answers, the order lock, the look-up of events already stored, and the
// set-based insert that draws the seqs. Only the write path uses it.
import { EntityManager } from 'typeorm';
import { TenantId, UserId } from '@herald/contracts';
import { OutgoingMessage } from '@herald/platform/messaging';
import { NotificationAction } from '@herald/platform/persistence';
import type { FeedItem } from './feed-item';

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

/** The messages that commit with a new notification (its live fan-out), made from its feed item as every recipient first sees it. */
export type FanOut = (item: FeedItem) => OutgoingMessage[];

/** One event's notification as `saveBatch` stores it. */
export interface EventNotification {
  tenantId: TenantId;
  notification: NewNotification;
  recipients: readonly UserId[];
  fanOut: FanOut;
  /** The delivery attempt, for the processing report. */
  attempt: number;
}

export interface StoredNotification {
  id: string;
  /** False when the event was stored before (a redelivery) or earlier in the same batch. */
  created: boolean;
}

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

/** Thrown inside the transaction to roll it back when another replica stored the event first. */
export class StoredMeanwhile extends Error {
  constructor() {
    super('a notification of the batch was stored by another transaction');
  }
}

/**
 * now() is the transaction's start time, the same value the inserts below give created_at,
 * so an item made before the lock shows exactly what the feed will.
 */
export async function transactionTime(tx: EntityManager): Promise<Date> {
  const rows: Array<{ now: Date }> = await tx.query('SELECT now() AS now');
  return rows[0].now;
}

export function eventKey(tenantId: string, eventId: string): string {
  return JSON.stringify([tenantId, eventId]);
}

/** The ids of the notifications already stored for these events, by eventKey. */
export async function findForEvents(tx: EntityManager, items: readonly EventNotification[]): Promise<Map<string, string>> {
  const rows: Array<{ id: string; tenant_id: string; event_id: string }> = await tx.query(
    `SELECT n.id, n.tenant_id, n.event_id FROM notifications n
     JOIN unnest($1::text[], $2::uuid[]) AS u(tenant_id, event_id) ON n.tenant_id = u.tenant_id AND n.event_id = u.event_id`,
    [items.map((item) => item.tenantId), items.map((item) => item.notification.eventId)],
  );
  return new Map(rows.map((row) => [eventKey(row.tenant_id, row.event_id), row.id]));
}

/** Draws the seqs, in the items' order; created_at is the database's clock too, for display only (order is seq). Answers how many were inserted. */
export async function insertNotifications(tx: EntityManager, items: readonly EventNotification[]): Promise<number> {
  const column = <T>(value: (n: NewNotification, item: EventNotification) => T): T[] => items.map((item) => value(item.notification, item));
  const rows: Array<{ id: string }> = await tx.query(
    `INSERT INTO notifications (id, tenant_id, event_id, type, severity, scope, title, summary, content, customer_id, actions)
     SELECT u.id, u.tenant_id, u.event_id, u.type, u.severity, u.scope, u.title, u.summary, u.content::jsonb, u.customer_id, u.actions::jsonb
     FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
       AS u(id, tenant_id, event_id, type, severity, scope, title, summary, content, customer_id, actions)
     ON CONFLICT ON CONSTRAINT uq_notifications_tenant_event DO NOTHING
     RETURNING id`,
    [
      column((n) => n.id),
      column((_, item) => item.tenantId),
      column((n) => n.eventId),
      column((n) => n.type),
      column((n) => n.severity),
      column((n) => n.scope),
      column((n) => n.title),
      column((n) => n.summary),
      column((n) => JSON.stringify(n.content)),
      column((n) => n.customerId),
      column((n) => JSON.stringify(n.actions)),
    ],
  );
  return rows.length;
}
