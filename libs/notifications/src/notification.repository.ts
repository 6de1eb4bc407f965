// Every query on notifications and notification_recipients. Every method takes the tenant
// first (a TenantId, so it cannot be forgotten or swapped with a user id); writes are
// idempotent by (tenant_id, event_id), ordered by a database-assigned seq, and commit with
// their live fan-out in notification_outbox; reads also take the user.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantId, UserId } from '@herald/contracts';
import { OutboxEntry, OutboxRelay, OutboxTable } from '@herald/platform/outbox';
import { FEED_COLUMNS, FeedEntry, FeedFilter, FeedItem, FeedRow, newFeedItem, toFeedItem, VISIBLE_TO_USER } from './feed-item';
import {
  EventNotification,
  eventKey,
  FanOut,
  findForEvents,
  insertNotifications,
  NewNotification,
  NOTIFICATION_ORDER_LOCK,
  StoredMeanwhile,
  StoredNotification,
  transactionTime,
} from './notification-batch';
import { NOTIFICATION_OUTBOX } from './notification-outbox';

@Injectable()
export class NotificationRepository {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(NOTIFICATION_OUTBOX) private readonly outbox: OutboxTable,
    private readonly relay: OutboxRelay,
  ) {}

  /** One event's notification: `saveBatch` of one. */
  async saveForEvent(
    tenantId: TenantId,
    notification: NewNotification,
    recipients: readonly UserId[],
    fanOut: FanOut,
    attempt = 1,
  ): Promise<{ id: string; created: boolean }> {
    const [stored] = await this.saveBatch([{ tenantId, notification, recipients, fanOut, attempt }]);
    return stored;
  }

  /**
   * Stores the notifications of many events, their recipients, their fan-out (each `fanOut`'s
   * messages, in notification_outbox) and their processing reports in one transaction, with
   * set-based inserts, once per event: an event already stored (a redelivery), or a second
   * copy of an event in the same batch, adds nothing and so is never pushed twice. The
   * outbox rows go in before the order lock and the inserts that draw the seqs come last, so
   * the lock is held only for those and the commit — one lock and one commit for the whole
   * batch. (Not `TransactionalOutbox.run`, which inserts the rows at the end, under the
   * lock.) The rows are published right after the commit. Answers one result per item, in
   * order: the notification's id and whether this call created it.
   */
  async saveBatch(items: readonly EventNotification[]): Promise<StoredNotification[]> {
    for (let tries = 1; ; tries++) {
      try {
        return await this.saveBatchOnce(items);
      } catch (err) {
        // another replica stored one of the events between our look and our lock: everything
        // was rolled back; the next try finds it stored
        if (!(err instanceof StoredMeanwhile) || tries >= 3) throw err;
      }
    }
  }

  private async saveBatchOnce(items: readonly EventNotification[]): Promise<StoredNotification[]> {
    let entries: OutboxEntry[] = [];
    const stored = await this.dataSource.transaction(async (tx) => {
      const existing = await findForEvents(tx, items);
      const results: StoredNotification[] = [];
      const first = new Map<string, number>();
      const fresh: EventNotification[] = [];
      items.forEach((item, index) => {
        const key = eventKey(item.tenantId, item.notification.eventId);
        const found = existing.get(key) ?? items[first.get(key) ?? -1]?.notification.id;
        results.push(found ? { id: found, created: false } : { id: item.notification.id, created: true });
        if (found) return;
        first.set(key, index);
        fresh.push(item);
      });
      if (fresh.length === 0) return results;
      const now = await transactionTime(tx);
      entries = await this.outbox.insert(
        tx,
        fresh.flatMap((item) => item.fanOut(newFeedItem(item.notification, now))),
        this.relay.leaseMs,
      );
      await tx.query('SELECT pg_advisory_xact_lock($1)', [NOTIFICATION_ORDER_LOCK]);
      if ((await insertNotifications(tx, fresh)) < fresh.length) throw new StoredMeanwhile();
      await tx.query(
        `INSERT INTO notification_recipients (notification_id, user_id, tenant_id, created_at, seq)
         SELECT n.id, u.user_id, n.tenant_id, n.created_at, n.seq
         FROM unnest($1::uuid[], $2::text[]) AS u(notification_id, user_id) JOIN notifications n ON n.id = u.notification_id
         ON CONFLICT DO NOTHING`,
        [fresh.flatMap((item) => item.recipients.map(() => item.notification.id)), fresh.flatMap((item) => item.recipients)],
      );
      // the processing reports (SPEC §6) commit with what they report
      await tx.query(
        `INSERT INTO event_processing (event_id, tenant_id, status, attempts, last_error, notification_id, updated_at)
         SELECT u.event_id, u.tenant_id, 'processed', u.attempts, NULL, u.notification_id, now()
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::uuid[]) AS u(event_id, tenant_id, attempts, notification_id)
         ON CONFLICT (event_id) DO UPDATE
           SET status = 'processed', attempts = EXCLUDED.attempts, last_error = NULL, notification_id = EXCLUDED.notification_id, updated_at = now()`,
        [
          fresh.map((item) => item.notification.eventId),
          fresh.map((item) => item.tenantId),
          fresh.map((item) => item.attempt),
          fresh.map((item) => item.notification.id),
        ],
      );
      return results;
    });
    this.relay.publishNow(this.outbox, entries);
    return stored;
  }

  /**
   * Where an item sits in the user's feed (its seq), hidden or not — a position is all a
   * replay needs; undefined when it was never theirs.
   */
  async positionOf(tenantId: TenantId, userId: UserId, id: string): Promise<string | undefined> {
    const rows: Array<{ seq: string }> = await this.dataSource.query(
      'SELECT seq FROM notification_recipients WHERE tenant_id = $1 AND user_id = $2 AND notification_id = $3',
      [tenantId, userId, id],
    );
    return rows[0] ? String(rows[0].seq) : undefined;
  }

  /** The user's visible items after a position, oldest first (the live stream's replay). */
  async after(tenantId: TenantId, userId: UserId, seq: string, limit: number): Promise<FeedEntry[]> {
    const rows: FeedRow[] = await this.dataSource.query(
      `SELECT ${FEED_COLUMNS}
       FROM notification_recipients r JOIN notifications n ON n.id = r.notification_id
       WHERE ${VISIBLE_TO_USER} AND r.seq > $3::bigint
       ORDER BY r.seq ASC
       LIMIT $4`,
      [tenantId, userId, seq, limit],
    );
    return rows.map((row) => ({ item: toFeedItem(row), seq: String(row.seq) }));
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
