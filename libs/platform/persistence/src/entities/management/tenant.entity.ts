// tenants (owner: management): a customer organisation and its plan.
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Plan, PLANS } from '@herald/contracts';

export { Plan, PLANS };

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
