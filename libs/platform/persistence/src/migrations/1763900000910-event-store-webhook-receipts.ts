// event-store: a provider webhook's event names the integration it came through (its callback
// URL is where the delivery worker sends it) and keeps the raw request it was read from (body
// and headers, secrets redacted), written by the same statement as the event and its outbox row.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class EventStoreWebhookReceipts1763900000910 implements MigrationInterface {
  name = 'EventStoreWebhookReceipts1763900000910';

  async up(q: QueryRunner): Promise<void> {
    // no foreign key: integrations belong to management, and an accepted event outlives its integration
    await q.query(`ALTER TABLE events ADD COLUMN integration_id uuid, ADD COLUMN raw_snapshot jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events DROP COLUMN raw_snapshot, DROP COLUMN integration_id`);
  }
}
