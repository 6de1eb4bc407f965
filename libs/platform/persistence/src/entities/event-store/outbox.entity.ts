// outbox (owner: event-store): one row per accepted event still to be published to
// herald.events; committed with the event, deleted by the relay after the broker confirms.
// The message (routing key, body, request id) is built from the event row.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'outbox' })
export class OutboxEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid', name: 'event_id' })
  eventId: string;

  @Column({ type: 'text' })
  traceparent: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
