// Every query on notification_preferences (and the audit entry of a change, in its
// transaction). A customer's own preferences override the user's general ones ('' row).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantId, UserId } from '@herald/contracts';
import { AuditRecord, insertAuditRecords } from '@herald/platform/persistence';
import { Preferences } from './preferences';

const GENERAL = '';

export interface StoredPreferences {
  preferences: Preferences;
  /** The customer whose own row this is, or null for the user's general row. */
  customerId: string | null;
  updatedAt: Date;
}

type PreferenceRow = { user_id: string; customer_id: string; channels: Preferences['channels']; events: Preferences['events']; groups: Preferences['groups']; updated_at: Date };

@Injectable()
export class PreferenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The user's preferences for a customer (its own, else the general ones), or the general ones; undefined if none are stored. */
  async find(tenantId: TenantId, userId: UserId, customerId: string | null): Promise<StoredPreferences | undefined> {
    const rows: PreferenceRow[] = await this.dataSource.query(
      `SELECT user_id, customer_id, channels, events, groups, updated_at FROM notification_preferences
       WHERE tenant_id = $1 AND user_id = $2 AND customer_id IN ($3, '')
       ORDER BY customer_id DESC LIMIT 1`,
      [tenantId, userId, customerId ?? GENERAL],
    );
    const row = rows[0];
    return row ? { preferences: toPreferences(row), customerId: row.customer_id || null, updatedAt: row.updated_at } : undefined;
  }

  /** Replaces the user's preferences (general, or for one customer) and records the audit entry, in one transaction. */
  async save(tenantId: TenantId, userId: UserId, customerId: string | null, preferences: Preferences, audit: AuditRecord): Promise<Date> {
    return this.dataSource.transaction(async (tx) => {
      const [row]: Array<{ updated_at: Date }> = await tx.query(
        `INSERT INTO notification_preferences (tenant_id, user_id, customer_id, channels, events, groups, updated_at)
         VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6::jsonb, now())
         ON CONFLICT (tenant_id, user_id, customer_id) DO UPDATE
           SET channels = EXCLUDED.channels, events = EXCLUDED.events, groups = EXCLUDED.groups, updated_at = now()
         RETURNING updated_at`,
        [tenantId, userId, customerId ?? GENERAL, JSON.stringify(preferences.channels), JSON.stringify(preferences.events), JSON.stringify(preferences.groups)],
      );
      await insertAuditRecords(tx, 'notification_audit', [audit]);
      return row.updated_at;
    });
  }

  /** The stored preferences of each of these users that has some, for one notification's customer (one query). */
  async forRecipients(tenantId: TenantId, userIds: readonly UserId[], customerId: string | null): Promise<Map<UserId, Preferences>> {
    if (userIds.length === 0) return new Map();
    const rows: PreferenceRow[] = await this.dataSource.query(
      `SELECT DISTINCT ON (user_id) user_id, customer_id, channels, events, groups, updated_at FROM notification_preferences
       WHERE tenant_id = $1 AND user_id = ANY($2::text[]) AND customer_id IN ($3, '')
       ORDER BY user_id, customer_id DESC`,
      [tenantId, userIds, customerId ?? GENERAL],
    );
    return new Map(rows.map((row) => [row.user_id as UserId, toPreferences(row)]));
  }
}

function toPreferences(row: PreferenceRow): Preferences {
  return { channels: row.channels, events: row.events, groups: row.groups };
}
