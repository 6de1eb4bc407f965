// notification_outbox (owner: notifications): messages the notification context decided to
// publish (the live fan-out of each notification on herald.realtime), committed with the
// notification; the relay publishes and deletes them (the platform outbox lib's OutboxTable).
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'notification_outbox' })
export class NotificationOutboxEntity {
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
