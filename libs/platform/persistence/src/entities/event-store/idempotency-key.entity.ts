// idempotency_keys (owner: event-store): the answer to a creating POST per (tenant,
// Idempotency-Key), reserved in the statement that stores the request's events and replayed
// until expires_at (24 h); expired rows are purged by the gateway.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text', name: 'request_hash' })
  requestHash: string;

  @Column({ type: 'int', name: 'status_code' })
  statusCode: number;

  @Column({ type: 'jsonb', name: 'response_body' })
  responseBody: unknown;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt: Date;

  @Column({ type: 'timestamptz', name: 'expires_at' })
  expiresAt: Date;
}
