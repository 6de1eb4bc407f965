// notifications (owner: notifications): one per event, whatever the number of recipients.
import { Column, Entity, PrimaryColumn } from 'typeorm';

export interface NotificationAction {
  label: string;
  url: string;
}

@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @Column({ type: 'uuid', name: 'event_id' })
  eventId: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text' })
  severity: string;

  @Column({ type: 'text' })
  scope: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  summary: string;

  @Column({ type: 'jsonb' })
  content: Record<string, unknown>;

  @Column({ type: 'text', name: 'customer_id', nullable: true })
  customerId: string | null;

  @Column({ type: 'jsonb' })
  actions: NotificationAction[];

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  /** The feed's order, drawn by Postgres (identity, ALWAYS); bigint, so a string in JS. */
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' })
  seq: string;
}
