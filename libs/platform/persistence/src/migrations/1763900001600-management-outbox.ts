// management: the context's own outbox (SPEC §6). What the management API decides to publish
// (a replay's delivery jobs, a subscription test or recover, a command to another context)
// commits with its change and audit entry; the relay publishes it.
import { MigrationInterface, QueryRunner } from 'typeorm';
import { outboxTableDdl } from '@herald/platform/outbox';

export class ManagementOutbox1763900001600 implements MigrationInterface {
  name = 'ManagementOutbox1763900001600';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of outboxTableDdl('management_outbox')) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE management_outbox`);
  }
}
