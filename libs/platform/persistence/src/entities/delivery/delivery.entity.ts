// deliveries (owner: delivery): one row per delivery job, keyed by its delivery_id, with the
// job as received, its status and when its next attempt is due (or, while one runs, the end
// of that attempt's lease); `paused` while its endpoint is disabled.
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type DeliveryStatus = 'pending' | 'retrying' | 'paused' | 'succeeded' | 'failed';

@Entity({ name: 'deliveries' })
export class DeliveryEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @Column({ type: 'uuid', name: 'event_id' })
  eventId: string;

  @Column({ type: 'text' })
  channel: string;

  @Column({ type: 'text', name: 'destination_key' })
  destinationKey: string;

  @Column({ type: 'jsonb' })
  job: Record<string, unknown>;

  @Column({ type: 'text', name: 'request_id' })
  requestId: string;

  @Column({ type: 'text' })
  traceparent: string;

  @Column({ type: 'text' })
  status: DeliveryStatus;

  @Column({ type: 'integer' })
  attempts: number;

  /** Attempts made before the last recover; the retry schedule counts from here. */
  @Column({ type: 'integer', name: 'attempt_base' })
  attemptBase: number;

  @Column({ type: 'timestamptz', name: 'next_attempt_at', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ type: 'integer', name: 'last_status', nullable: true })
  lastStatus: number | null;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;

  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true })
  completedAt: Date | null;
}
