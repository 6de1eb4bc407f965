// Every query on delivery_sink_receipts (owner: ingress): what the dev delivery sink received.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface SinkReceipt {
  id: string;
  provider: string;
  headers: Record<string, unknown>;
  raw_body: string;
  simulated_failure: boolean;
  received_at: Date;
}

export type NewSinkReceipt = Pick<SinkReceipt, 'provider' | 'headers' | 'raw_body' | 'simulated_failure'>;

@Injectable()
export class DeliverySinkRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(receipt: NewSinkReceipt): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO delivery_sink_receipts (provider, headers, raw_body, simulated_failure) VALUES ($1, $2::jsonb, $3, $4)`,
      [receipt.provider, JSON.stringify(receipt.headers), receipt.raw_body, receipt.simulated_failure],
    );
  }

  /** One provider's receipts in arrival order (idx_delivery_sink_receipts_provider), at most `limit`. */
  list(provider: string, limit: number): Promise<SinkReceipt[]> {
    return this.dataSource.query(
      `SELECT id::text, provider, headers, raw_body, simulated_failure, received_at
       FROM delivery_sink_receipts WHERE provider = $1 ORDER BY id LIMIT $2`,
      [provider, limit],
    );
  }
}
