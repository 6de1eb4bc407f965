// delivery_outbox (owner: delivery): messages the delivery context decided to publish
// (dead-letters of failed deliveries), committed with the decision; the relay publishes
// and deletes them (the platform outbox lib's OutboxTable).
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'delivery_outbox' })
export class DeliveryOutboxEntity {
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
