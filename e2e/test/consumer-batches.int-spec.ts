// The consumer host's micro-batches on a real RabbitMQ: a BatchMessageHandler gets its
// messages in batches of at most `maxSize`, each message once; when `handleBatch` throws, each
// message of the batch is handled on its own, so a bad one is retried and dead-lettered alone
// while the others are done once; an unparseable message never reaches the batch; shutdown
// waits for a batch in flight and acks it.
import { Injectable } from '@nestjs/common';
import amqplib from 'amqplib';
import { Exchanges } from '@herald/contracts';
import { createTestInfrastructure, eventually, startConsumerApp, TestInfrastructure } from '@herald/platform/testing';
import { BatchItem, DEAD_LETTER_QUEUE, HandlerOutcome, MessageContext, Outcome, QueueConsumer } from '@herald/platform/messaging';
import { Ping, PingContract, pingMessage } from './ping-consumer';
import { connectRawBroker } from './raw-broker';

interface Seen {
  batches: number[][];
  single: Array<{ n: number; attempt: number }>;
}

/** Batches of at most 10; a batch holding a ping with fail_times > 0 throws, and that ping then fails on its own `fail_times` times. */
const batchHandler = (queue: string, routingKey: string, seen: Seen, holdMs = 0) => {
  @Injectable()
  @QueueConsumer()
  class BatchPingHandler {
    readonly queue = { name: queue, bindings: [{ exchange: Exchanges.events, pattern: routingKey }] };
    readonly contract = PingContract;
    readonly batch = { maxSize: 10, maxWaitMs: 200 };

    async handleBatch(items: ReadonlyArray<BatchItem<Ping>>): Promise<HandlerOutcome[]> {
      if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
      if (items.some((i) => i.message.fail_times > 0)) throw new Error('a bad ping in the batch');
      seen.batches.push(items.map((i) => i.message.n));
      return items.map(() => Outcome.done());
    }

    async handle(ping: Ping, ctx: MessageContext): Promise<HandlerOutcome> {
      seen.single.push({ n: ping.n, attempt: ctx.headers.attempt });
      return ctx.headers.attempt <= ping.fail_times ? Outcome.retry(`failing on purpose (${ping.n})`) : Outcome.done();
    }
  }
  return BatchPingHandler;
};

const handledOnce = (seen: Seen, n: number) => seen.batches.flat().filter((x) => x === n).length + seen.single.filter((s) => s.n === n).length;

describe('ConsumerHost micro-batches', () => {
  let infra: TestInfrastructure;

  beforeAll(async () => {
    infra = await createTestInfrastructure('consumer_batches');
  }, 60_000);

  afterAll(async () => {
    await infra?.teardown();
  }, 60_000);

  it('hands messages over in batches of at most maxSize, each message once, and acks them', async () => {
    const seen: Seen = { batches: [], single: [] };
    const app = await startConsumerApp(infra, [batchHandler('test.batches.a', 'business.batch-a', seen)]);
    try {
      await Promise.all(Array.from({ length: 25 }, (_, n) => app.publisher.publish(pingMessage('business.batch-a', { n, fail_times: 0 }, n))));
      await eventually(async () => (seen.batches.flat().length >= 25 ? true : undefined), 10_000, 'every message handled');
      expect(seen.batches.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, n) => n));
      expect(Math.max(...seen.batches.map((b) => b.length))).toBeLessThanOrEqual(10);
      // published together, so at least some arrived together
      expect(seen.batches.length).toBeLessThan(25);
      expect(seen.single).toEqual([]);
    } finally {
      await app.close();
    }
    // acked: nothing is left in the queue for the next consumer
    const broker = await connectRawBroker(infra.amqpUrl);
    try {
      expect(await broker.drain(`${infra.amqpPrefix}test.batches.a`)).toEqual([]);
    } finally {
      await broker.close();
    }
  }, 30_000);

  it('handles each message of a batch that threw on its own: the bad one is retried and dead-lettered alone', async () => {
    const seen: Seen = { batches: [], single: [] };
    const app = await startConsumerApp(infra, [batchHandler('test.batches.b', 'business.batch-b', seen)], { env: { CONSUMER_RETRY_SCHEDULE: '0.2' } });
    try {
      const bad = 105;
      await Promise.all([
        ...Array.from({ length: 8 }, (_, i) => app.publisher.publish(pingMessage('business.batch-b', { n: 100 + i, fail_times: i === 5 ? 99 : 0 }, 100 + i))),
        app.publisher.publish(pingMessage('business.batch-b', { n: 'not a number' }, 199)),
      ]);
      const dead: amqplib.GetMessage[] = [];
      await eventually(async () => {
        const broker = await connectRawBroker(infra.amqpUrl);
        dead.push(...(await broker.drain(infra.amqpPrefix + DEAD_LETTER_QUEUE).finally(() => broker.close())));
        return dead.length >= 2 ? true : undefined;
      }, 15_000, 'the bad ping and the unparseable one dead-lettered');
      // every good ping handled exactly once (in a batch, or alone after its batch threw)
      for (let n = 100; n < 108; n++) if (n !== bad) expect(handledOnce(seen, n)).toBe(1);
      // the bad one: attempt 1 alone after its batch threw, attempt 2 likewise, then dead-lettered
      expect(seen.single.filter((s) => s.n === bad).map((s) => s.attempt)).toEqual([1, 2]);
      expect(seen.batches.flat()).not.toContain(bad);
      const reasons = dead.map((m) => String(m.properties.headers?.['x-failure-reason']));
      expect(reasons.some((r) => r.includes('failing on purpose (105)'))).toBe(true);
      expect(reasons.some((r) => r.includes('unparseable'))).toBe(true);
      expect(dead).toHaveLength(2);
    } finally {
      await app.close();
    }
  }, 40_000);

  it('waits on shutdown for a batch in flight and acks it', async () => {
    const seen: Seen = { batches: [], single: [] };
    const app = await startConsumerApp(infra, [batchHandler('test.batches.c', 'business.batch-c', seen, 1500)]);
    await Promise.all(Array.from({ length: 3 }, (_, n) => app.publisher.publish(pingMessage('business.batch-c', { n, fail_times: 0 }, n))));
    // the batch is collected for 200 ms, then held 1.5 s by the handler: close in between
    await new Promise((resolve) => setTimeout(resolve, 600));
    await app.close();
    expect(seen.batches.flat().sort()).toEqual([0, 1, 2]);
    const broker = await connectRawBroker(infra.amqpUrl);
    try {
      expect(await broker.drain(`${infra.amqpPrefix}test.batches.c`)).toEqual([]);
    } finally {
      await broker.close();
    }
  }, 30_000);
});
