// replay_requests (owner: management): an operator's replay of an event (SPEC §9), with the
// delivery ids of the jobs it enqueued and when the relay had published them all.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'replay_requests' })
export class ReplayRequestEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @Column({ type: 'uuid', name: 'event_id' })
  eventId: string;

  @Column({ type: 'text', name: 'requested_by' })
  requestedBy: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', name: 'request_id' })
  requestId: string;

  @Column({ type: 'text', array: true, name: 'delivery_ids' })
  deliveryIds: string[];

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  /** When every job of the request had been published (null while any waits in management_outbox). */
  @Column({ type: 'timestamptz', name: 'dispatched_at', nullable: true })
  dispatchedAt: Date | null;
}
