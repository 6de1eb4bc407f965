// notification_preferences (owner: notifications): a user's preferences, general
// (customer_id '') or for one customer.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'notification_preferences' })
export class NotificationPreferenceEntity {
  @PrimaryColumn({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @PrimaryColumn({ type: 'text', name: 'user_id' })
  userId: string;

  @PrimaryColumn({ type: 'text', name: 'customer_id' })
  customerId: string;

  @Column({ type: 'jsonb' })
  channels: Record<string, boolean>;

  @Column({ type: 'jsonb' })
  events: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  groups: Record<string, unknown>;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
