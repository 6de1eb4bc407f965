// delivery_sink_receipts (owner: ingress): what the dev delivery sink received, for tests and the demo.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'delivery_sink_receipts' })
export class DeliverySinkReceiptEntity {
  @PrimaryColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  provider: string;

  @Column({ type: 'jsonb' })
  headers: Record<string, unknown>;

  @Column({ type: 'text', name: 'raw_body' })
  rawBody: string;

  @Column({ type: 'boolean', name: 'simulated_failure' })
  simulatedFailure: boolean;

  @Column({ type: 'timestamptz', name: 'received_at' })
  receivedAt: Date;
}
