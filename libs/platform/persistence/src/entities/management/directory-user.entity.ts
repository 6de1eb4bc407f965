// directory_users (owner: management): a tenant's user directory, read by the notification
// service to resolve recipients.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'directory_users' })
export class DirectoryUserEntity {
  @PrimaryColumn({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'text', array: true })
  roles: string[];

  @Column({ type: 'text', array: true })
  groups: string[];

  @Column({ type: 'jsonb' })
  attributes: Record<string, unknown>;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
