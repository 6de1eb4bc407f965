// delivery_attempts (owner: delivery): every attempt of a delivery (SPEC §8): outcome,
// status code, error class, latency and up to 20 KB of the response body.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'delivery_attempts' })
export class DeliveryAttemptEntity {
  @PrimaryColumn({ type: 'text', name: 'delivery_id' })
  deliveryId: string;

  @PrimaryColumn({ type: 'integer' })
  attempt: number;

  @Column({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @Column({ type: 'text' })
  outcome: 'success' | 'retry' | 'fail';

  @Column({ type: 'integer', name: 'status_code', nullable: true })
  statusCode: number | null;

  @Column({ type: 'text', name: 'error_class', nullable: true })
  errorClass: string | null;

  @Column({ type: 'integer', name: 'latency_ms' })
  latencyMs: number;

  @Column({ type: 'text', name: 'response_body', nullable: true })
  responseBody: string | null;

  @Column({ type: 'timestamptz', name: 'attempted_at' })
  attemptedAt: Date;
}
