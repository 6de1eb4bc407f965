// notification_recipients (owner: notifications): who sees a notification and their own
// read and hidden state.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'notification_recipients' })
export class NotificationRecipientEntity {
  @PrimaryColumn({ type: 'uuid', name: 'notification_id' })
  notificationId: string;

  @PrimaryColumn({ type: 'text', name: 'user_id' })
  userId: string;

  @Column({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  /** Copy of notifications.seq, so the feed pages on one index of this table. */
  @Column({ type: 'bigint' })
  seq: string;

  @Column({ type: 'timestamptz', name: 'read_at', nullable: true })
  readAt: Date | null;

  @Column({ type: 'timestamptz', name: 'hidden_at', nullable: true })
  hiddenAt: Date | null;
}
