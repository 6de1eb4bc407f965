// A context's own outbox table of ready-made messages (exchange, routing key, headers,
// body). Rows are inserted inside the context's transaction already leased to this
// replica, so the relay publishes them right after the commit and no other replica's
// sweep touches them unless that publish fails or this replica dies.
import { DataSource, EntityManager } from 'typeorm';
import { MessageHeaderValues } from '@herald/contracts';
import { OutgoingMessage } from '@herald/platform/messaging';
import { OutboxEntry, OutboxSource } from './outbox-source';
import { assertTableName, claimCte, releaseRows, removeRows } from './outbox-rows';

interface MessageRow {
  id: string;
  exchange: string;
  routing_key: string;
  message_type: string | null;
  message_id: string | null;
  headers: OutgoingMessage['headers'];
  body: unknown;
}

const COLUMNS = 'id, exchange, routing_key, message_type, message_id, headers, body';

export class OutboxTable implements OutboxSource {
  readonly name: string;

  constructor(
    name: string,
    private readonly dataSource: DataSource,
  ) {
    this.name = assertTableName(name);
  }

  /** Inserts `messages` in the caller's transaction, leased to this replica for `leaseMs`. */
  async insert(tx: EntityManager, messages: OutgoingMessage[], leaseMs: number): Promise<OutboxEntry[]> {
    if (messages.length === 0) return [];
    const rows: MessageRow[] = await tx.query(
      `INSERT INTO ${this.name} (exchange, routing_key, message_type, message_id, headers, body, claimed_until)
       SELECT u.exchange, u.routing_key, u.message_type, u.message_id, u.headers::jsonb, u.body::jsonb,
              now() + make_interval(secs => $7::double precision / 1000)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
         AS u(exchange, routing_key, message_type, message_id, headers, body)
       RETURNING ${COLUMNS}`,
      [
        messages.map((m) => m.exchange),
        messages.map((m) => m.routingKey),
        messages.map((m) => m.messageType ?? null),
        messages.map((m) => m.messageId ?? null),
        messages.map((m) => JSON.stringify(m.headers)),
        messages.map((m) => JSON.stringify(m.body)),
        leaseMs,
      ],
    );
    return rows.map(toEntry);
  }

  async claim(leaseMs: number, limit: number): Promise<OutboxEntry[]> {
    const rows: MessageRow[] = await this.dataSource.query(`${claimCte(this.name, COLUMNS)} SELECT ${COLUMNS} FROM claimed`, [
      leaseMs,
      limit,
    ]);
    return rows.map(toEntry);
  }

  remove(ids: string[]): Promise<void> {
    return removeRows(this.dataSource, this.name, ids);
  }

  release(ids: string[]): Promise<void> {
    return releaseRows(this.dataSource, this.name, ids);
  }
}

function toEntry(row: MessageRow): OutboxEntry {
  return {
    id: String(row.id),
    message: {
      exchange: row.exchange,
      routingKey: row.routing_key,
      headers: row.headers as MessageHeaderValues & Record<string, string | number>,
      body: row.body,
      messageType: row.message_type ?? undefined,
      messageId: row.message_id ?? undefined,
    },
  };
}
