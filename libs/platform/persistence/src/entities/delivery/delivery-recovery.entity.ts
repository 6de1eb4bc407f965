// delivery_recoveries (owner: delivery): each recover command the worker applied, once (by its
// id), with the window and how many deliveries of the destination it re-queued.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'delivery_recoveries' })
export class DeliveryRecoveryEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @Column({ type: 'text', name: 'destination_key' })
  destinationKey: string;

  @Column({ type: 'timestamptz' })
  since: Date;

  @Column({ type: 'timestamptz' })
  until: Date;

  @Column({ type: 'integer' })
  requeued: number;

  @Column({ type: 'text', name: 'request_id' })
  requestId: string;

  @Column({ type: 'timestamptz', name: 'applied_at' })
  appliedAt: Date;
}
