// event-store: outbox rows are leased to the replica publishing them (claimed_until), so two
// replicas never publish one row in normal operation; provider idempotency is per tenant.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class EventStoreOutboxLease1763900000400 implements MigrationInterface {
  name = 'EventStoreOutboxLease1763900000400';

  async up(q: QueryRunner): Promise<void> {
    // existing rows are claimable at once
    await q.query(`ALTER TABLE outbox ADD COLUMN claimed_until timestamptz NOT NULL DEFAULT now()`);
    await q.query(`DROP INDEX idx_outbox_created`);
    // the relay's sweep: claimable rows, oldest lease first
    await q.query(`CREATE INDEX idx_outbox_claimable ON outbox (claimed_until)`);
    // ingress idempotency: one event per provider event id within a tenant (SPEC §5: the same
    // id under two tenants' integrations makes two events)
    await q.query(`DROP INDEX uq_events_provider_event`);
    await q.query(
      `CREATE UNIQUE INDEX uq_events_tenant_provider_event ON events (tenant_id, provider, provider_event_id) WHERE provider IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX uq_events_tenant_provider_event`);
    await q.query(`CREATE UNIQUE INDEX uq_events_provider_event ON events (provider, provider_event_id) WHERE provider IS NOT NULL`);
    await q.query(`DROP INDEX idx_outbox_claimable`);
    await q.query(`CREATE INDEX idx_outbox_created ON outbox (created_at)`);
    await q.query(`ALTER TABLE outbox DROP COLUMN claimed_until`);
  }
}
