// outbox (owner: event-store): one row per accepted event and target still to be published
// (herald.events, the analytics channel for business events when PostHog is configured, and
// the delivery job of a provider webhook's integration callback); committed with the event (leased to the committing replica), deleted by
// the relay after the broker confirms.
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

  /** Until when the replica publishing this row holds it; the sweep claims rows past it. */
  /** `events` (herald.events) or `analytics` (the analytics delivery channel). */
  @Column({ type: 'text' })
  target: 'events' | 'analytics' | 'callback';

  @Column({ type: 'timestamptz', name: 'claimed_until' })
  claimedUntil: Date;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
