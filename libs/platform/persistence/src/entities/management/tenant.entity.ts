// tenants (owner: management): a customer organisation and its plan.
import { Column, Entity, PrimaryColumn } from 'typeorm';

export const PLANS = ['starter', 'growth', 'scale', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

@Entity({ name: 'tenants' })
export class TenantEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  plan: Plan;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
