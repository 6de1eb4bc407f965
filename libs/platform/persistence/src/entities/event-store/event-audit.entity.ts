// event_audit (owner: event-store): the audit entries of accepted events (SPEC §3: publishing
// a high or critical alert), committed in the statement that stores the event. Management's
// audit views read it beside the audit entries other contexts record in their own tables.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'event_audit' })
export class EventAuditEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @Column({ type: 'text', name: 'request_id' })
  requestId: string;

  /** `user:<sub>` or `api_key:<id>`. */
  @Column({ type: 'text' })
  actor: string;

  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', name: 'entity_type' })
  entityType: string;

  @Column({ type: 'text', name: 'entity_id' })
  entityId: string;

  /** sha256 (hex) of the RFC 8785 canonical JSON of what was acted on. */
  @Column({ type: 'text' })
  fingerprint: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
