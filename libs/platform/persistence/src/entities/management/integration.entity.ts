// integrations (owner: management): a provider connected to a tenant, with the callback URL
// the delivery worker sends that provider's normalized events to.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'integrations' })
export class IntegrationEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @Column({ type: 'text' })
  provider: string;

  @Column({ type: 'boolean' })
  active: boolean;

  @Column({ type: 'text', name: 'callback_url', nullable: true })
  callbackUrl: string | null;

  /** The credentials, sealed with INTEGRATION_CREDENTIALS_KEY (CredentialsCipher); never returned by an API. */
  @Column({ type: 'text', name: 'credentials_sealed', nullable: true })
  credentialsSealed: string | null;

  /** The integration `POST /webhooks/:provider` targets (at most one per provider). */
  @Column({ type: 'boolean', name: 'is_default' })
  isDefault: boolean;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt: Date;
}
