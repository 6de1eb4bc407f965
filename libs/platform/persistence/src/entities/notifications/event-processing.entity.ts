// event_processing (owner: notifications): how the notification service's processing of an
// event went (processed, retrying, failed) — one of the reports the derived event status reads.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'event_processing' })
export class EventProcessingEntity {
  @PrimaryColumn({ type: 'uuid', name: 'event_id' })
  eventId: string;

  @Column({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @Column({ type: 'text' })
  status: 'processed' | 'retrying' | 'failed';

  @Column({ type: 'int' })
  attempts: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError: string | null;

  @Column({ type: 'uuid', name: 'notification_id', nullable: true })
  notificationId: string | null;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
