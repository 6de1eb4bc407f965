// delivery: the circuit breaker of each destination (SPEC §8). Recent outcomes decide when
// it opens; while `opened_until` is ahead nothing is sent there and its deliveries wait
// without spending attempts; after it, one worker holds `probe_until` and sends the probe.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeliveryCircuits1763900001020 implements MigrationInterface {
  name = 'DeliveryCircuits1763900001020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE delivery_circuits (
        destination_key  text PRIMARY KEY,
        tenant_id        text NOT NULL,
        -- outcomes of the recent attempts, oldest first: true = failed
        recent_failures  boolean[] NOT NULL DEFAULT '{}',
        opened_until     timestamptz,
        open_count       integer NOT NULL DEFAULT 0,
        probe_until      timestamptz,
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    // the poller's claim skips destinations whose circuit is open
    await q.query(`CREATE INDEX idx_delivery_circuits_open ON delivery_circuits (destination_key) WHERE opened_until IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE delivery_circuits`);
  }
}
