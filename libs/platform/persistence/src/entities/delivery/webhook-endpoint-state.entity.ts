// webhook_endpoint_states (owner: delivery): what the worker itself decides about a webhook
// subscription's endpoint — disabled after a 410, failures in a row — kept apart from
// management's webhook_subscriptions, which the worker never writes.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'webhook_endpoint_states' })
export class WebhookEndpointStateEntity {
  @PrimaryColumn({ type: 'uuid', name: 'subscription_id' })
  subscriptionId: string;

  @Column({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @Column({ type: 'integer', name: 'consecutive_failures' })
  consecutiveFailures: number;

  @Column({ type: 'timestamptz', name: 'failing_since', nullable: true })
  failingSince: Date | null;

  @Column({ type: 'timestamptz', name: 'disabled_at', nullable: true })
  disabledAt: Date | null;

  @Column({ type: 'text', name: 'disabled_reason', nullable: true })
  disabledReason: string | null;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
