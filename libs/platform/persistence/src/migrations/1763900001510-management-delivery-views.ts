// management: indexes for the operator's GET /deliveries (SPEC §9), which reads the delivery
// worker's table across tenants (read-only, DeliveryReader). They sit on the owner's table
// because that is where the columns are; the worker's own indexes lead with tenant_id or cover
// only due rows, so none serves a cross-tenant list.
import { MigrationInterface, QueryRunner } from 'typeorm';

export class ManagementDeliveryViews1763900001510 implements MigrationInterface {
  name = 'ManagementDeliveryViews1763900001510';

  async up(q: QueryRunner): Promise<void> {
    // every delivery, newest first
    await q.query(`CREATE INDEX idx_deliveries_by_created ON deliveries (created_at DESC, id DESC)`);
    // status filter (success → succeeded, failed, …), newest first
    await q.query(`CREATE INDEX idx_deliveries_by_status ON deliveries (status, created_at DESC, id DESC)`);
    // event_id filter without the tenant (an operator starts from the event id; a system event
    // such as webhook.attempt.failing has no row in events to find its tenant by)
    await q.query(`CREATE INDEX idx_deliveries_by_event_id ON deliveries (event_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_deliveries_by_event_id`);
    await q.query(`DROP INDEX idx_deliveries_by_status`);
    await q.query(`DROP INDEX idx_deliveries_by_created`);
  }
}
