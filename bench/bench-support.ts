// What both benchmarks share: a suite infrastructure, a quorum queue bound to herald.events
// that counts what the relay published, the group-commit figures from metrics text, output.
import amqplib from 'amqplib';
import { createTestInfrastructure, TestInfrastructure } from '@herald/platform/testing';

export const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export interface BenchEnvironment {
  infra: TestInfrastructure;
  /** Messages the relay has published so far. */
  published(): Promise<number>;
  close(): Promise<void>;
}

export async function createBenchEnvironment(name: string): Promise<BenchEnvironment> {
  const infra = await createTestInfrastructure(name);
  const conn = await amqplib.connect(infra.amqpUrl);
  const ch = await conn.createChannel();
  const counter = `${infra.amqpPrefix}bench.counter`;
  const unrouted = `${infra.amqpPrefix}herald.unrouted`;
  await ch.assertExchange(unrouted, 'fanout', { durable: true });
  await ch.assertExchange(`${infra.amqpPrefix}herald.events`, 'topic', { durable: true, alternateExchange: unrouted });
  await ch.assertQueue(counter, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await ch.bindQueue(counter, `${infra.amqpPrefix}herald.events`, '#');
  return {
    infra,
    published: async () => (await ch.checkQueue(counter)).messageCount,
    close: async () => {
      await ch.deleteQueue(counter);
      await conn.close();
      await infra.teardown();
    },
  };
}

/** Transactions and mean events per transaction from `herald_outbox_flush_rows`. */
export function groupCommitFigures(metricsText: string): { transactions: number; perTransaction: number } {
  const sum = Number(/herald_outbox_flush_rows_sum\{[^}]*\} (\S+)/.exec(metricsText)?.[1] ?? 0);
  const transactions = Number(/herald_outbox_flush_rows_count\{[^}]*\} (\S+)/.exec(metricsText)?.[1] ?? 0);
  return { transactions, perTransaction: sum / Math.max(1, transactions) };
}

export function runBench(main: () => Promise<void>): void {
  main().catch((err) => {
    process.stderr.write(`bench failed: ${(err as Error).message}\n`);
    process.exit(1);
  });
}
