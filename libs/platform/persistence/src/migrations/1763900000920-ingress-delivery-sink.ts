// ingress: what the dev delivery sink received (SPEC §5, absent in production), kept in the
// database so every replica and the tests read the same list.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class IngressDeliverySink1763900000920 implements MigrationInterface {
  name = 'IngressDeliverySink1763900000920';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE delivery_sink_receipts (
        id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        provider           text NOT NULL,
        headers            jsonb NOT NULL,
        raw_body           text NOT NULL,
        simulated_failure  boolean NOT NULL,
        received_at        timestamptz NOT NULL DEFAULT now()
      )`);
    // GET /internal/delivery-sink/:provider: one provider's receipts in arrival order
    await q.query(`CREATE INDEX idx_delivery_sink_receipts_provider ON delivery_sink_receipts (provider, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE delivery_sink_receipts`);
  }
}
