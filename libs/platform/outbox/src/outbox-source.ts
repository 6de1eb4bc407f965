// What the relay publishes from: a table of outbox rows that one context owns. A source
// claims rows under a lease (so one replica publishes a row at a time), removes rows the
// broker confirmed, and releases rows it could not publish so any replica may take them.
import { OutgoingMessage } from '@herald/platform/messaging';

export interface OutboxEntry {
  /** The outbox row's id (bigint as text). */
  id: string;
  message: OutgoingMessage;
}

export interface OutboxSource {
  /** The table's name; also the metrics and log label. */
  readonly name: string;
  /** Leases up to `limit` rows whose lease has expired (oldest first) to this replica for `leaseMs`. */
  claim(leaseMs: number, limit: number): Promise<OutboxEntry[]>;
  /** Deletes rows the broker confirmed. */
  remove(ids: string[]): Promise<void>;
  /** Ends this replica's lease early, so the next sweep (of any replica) publishes the rows. */
  release(ids: string[]): Promise<void>;
}
