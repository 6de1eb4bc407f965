// delivery_circuits (owner: delivery): the circuit breaker of each destination — recent
// outcomes, open until when, and which worker holds the probe.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'delivery_circuits' })
export class DeliveryCircuitEntity {
  @PrimaryColumn({ type: 'text', name: 'destination_key' })
  destinationKey: string;

  @Column({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @Column({ type: 'boolean', array: true, name: 'recent_failures' })
  recentFailures: boolean[];

  @Column({ type: 'timestamptz', name: 'opened_until', nullable: true })
  openedUntil: Date | null;

  @Column({ type: 'integer', name: 'open_count' })
  openCount: number;

  @Column({ type: 'timestamptz', name: 'probe_until', nullable: true })
  probeUntil: Date | null;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
