// alert_rule_sets (owner: notifications): the version of a tenant's alert rules applied here.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'alert_rule_sets' })
export class AlertRuleSetEntity {
  @PrimaryColumn({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @Column({ type: 'bigint' })
  version: string;

  @Column({ type: 'text', name: 'requested_by' })
  requestedBy: string;

  @Column({ type: 'text', name: 'request_id' })
  requestId: string;

  @Column({ type: 'timestamptz', name: 'requested_at' })
  requestedAt: Date;

  @Column({ type: 'timestamptz', name: 'applied_at' })
  appliedAt: Date;
}
