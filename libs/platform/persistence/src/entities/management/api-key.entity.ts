// api_keys (owner: management): a tenant's API keys, by the sha256 of their secret; read by
// every app's access guard through the auth lib's read-only ApiKeyLookup.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'api_keys' })
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  prefix: string;

  @Column({ type: 'text' })
  hash: string;

  @Column({ type: 'text', array: true })
  scopes: string[];

  @Column({ type: 'integer', name: 'rate_limit' })
  rateLimit: number;

  @Column({ type: 'timestamptz', name: 'last_used_at', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', name: 'expires_at', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'uuid', name: 'rotated_from', nullable: true })
  rotatedFrom: string | null;

  @Column({ type: 'timestamptz', name: 'grace_until', nullable: true })
  graceUntil: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;
}
