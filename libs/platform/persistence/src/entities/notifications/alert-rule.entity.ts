// alert_rules (owner: notifications): a tenant's overrides of the default alert routing, in order.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'alert_rules' })
export class AlertRuleEntity {
  @PrimaryColumn({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Column({ type: 'text', name: 'event_type' })
  eventType: string;

  @Column({ type: 'text', array: true, nullable: true })
  severities: string[] | null;

  @Column({ type: 'text' })
  scope: string;

  @Column({ type: 'text', array: true })
  roles: string[];

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ type: 'jsonb' })
  actions: Array<{ label: string; url: string }>;

  @Column({ type: 'boolean' })
  enabled: boolean;
}
