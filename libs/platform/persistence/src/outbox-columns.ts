// The columns every context's outbox table has (the platform outbox lib's outboxTableDdl and
// OutboxTable): each context's outbox entity extends this with its own @Entity name.
import { Column, PrimaryGeneratedColumn } from 'typeorm';

export abstract class OutboxColumns {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  exchange: string;

  @Column({ type: 'text', name: 'routing_key' })
  routingKey: string;

  @Column({ type: 'jsonb' })
  headers: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  body: unknown;

  @Column({ type: 'timestamptz', name: 'claimed_until' })
  claimedUntil: Date;
}
