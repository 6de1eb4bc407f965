// Commit-then-publish for any context: `run` executes the context's work in one
// transaction, inserts the messages it enqueued into the context's own outbox table in
// that same transaction, and hands them to the relay once the commit succeeded. A crash
// between commit and publish loses nothing: the rows' lease runs out and a sweep
// publishes them.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OutgoingMessage } from '@herald/platform/messaging';
import { OutboxRelay } from './outbox.relay';
import { OutboxTable } from './outbox-table';

export type Enqueue = (message: OutgoingMessage) => void;

@Injectable()
export class TransactionalOutbox {
  private readonly tables = new Map<string, OutboxTable>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  /** The context's outbox table (created by its migration with `outboxTableDdl`), registered with the relay. */
  table(name: string): OutboxTable {
    let table = this.tables.get(name);
    if (!table) {
      table = new OutboxTable(name, this.dataSource);
      this.relay.register(table);
      this.tables.set(name, table);
    }
    return table;
  }

  async run<T>(table: OutboxTable, work: (tx: EntityManager, enqueue: Enqueue) => Promise<T>): Promise<T> {
    const { result, entries } = await this.dataSource.transaction(async (tx) => {
      const messages: OutgoingMessage[] = [];
      const result = await work(tx, (message) => messages.push(message));
      return { result, entries: await table.insert(tx, messages, this.relay.leaseMs) };
    });
    this.relay.publishNow(table, entries);
    return result;
  }
}
