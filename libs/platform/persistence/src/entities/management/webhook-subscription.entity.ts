// webhook_subscriptions (owner: management): where a tenant's events are posted, with the
// signing secret sealed at rest (and the previous one during a rotation's grace); read by
// the delivery worker through its own read-only WebhookSubscriptionReader.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'webhook_subscriptions' })
export class WebhookSubscriptionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Empty: every event type. */
  @Column({ type: 'text', array: true, name: 'event_types' })
  eventTypes: string[];

  /** `whsec_…` sealed by SecretBox, bound to the subscription id. */
  @Column({ type: 'text', name: 'secret_sealed' })
  secretSealed: string;

  @Column({ type: 'text', name: 'previous_secret_sealed', nullable: true })
  previousSecretSealed: string | null;

  /** Until then the previous secret signs too (rotation grace). */
  @Column({ type: 'timestamptz', name: 'previous_secret_expires_at', nullable: true })
  previousSecretExpiresAt: Date | null;

  @Column({ type: 'boolean' })
  enabled: boolean;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
