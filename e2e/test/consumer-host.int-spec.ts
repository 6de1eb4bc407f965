// The consumer host on a real RabbitMQ: retries go through the delay queues with growing
// delays and an incremented attempt header, the last failure and unparseable messages
// land in the dead-letter queue, successful messages are acked exactly once, and the test
// teardown deletes exactly the queues the host declared.
import { Injectable } from '@nestjs/common';
import amqplib from 'amqplib';
import { Exchanges } from '@herald/contracts';
import { createTestInfrastructure, eventually, startConsumerApp, TestConsumerApp, TestInfrastructure } from '@herald/platform/testing';
import { DEAD_LETTER_QUEUE, MessagePublisher, Outcome, QueueConsumer } from '@herald/platform/messaging';
import { PingContract, pingConsumer, pingMessage } from './ping-consumer';
import { connectRawBroker } from './raw-broker';

const PingHandler = pingConsumer('test.pings', 'business.ping');

describe('ConsumerHost retry and dead-letter', () => {
  let infra: TestInfrastructure;
  let app: TestConsumerApp;
  let handler: InstanceType<typeof PingHandler>;
  let publisher: MessagePublisher;

  beforeAll(async () => {
    infra = await createTestInfrastructure('consumer_host');
    app = await startConsumerApp(infra, [PingHandler], { env: { CONSUMER_RETRY_SCHEDULE: '0.3,0.6' } });
    handler = app.app.get(PingHandler);
    publisher = app.publisher;
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  const send = (body: unknown, n: number) => publisher.publish(pingMessage('business.ping', body, n));

  async function readDeadLetters(): Promise<amqplib.GetMessage[]> {
    const broker = await connectRawBroker(infra.amqpUrl);
    const out = await broker.drain(infra.amqpPrefix + DEAD_LETTER_QUEUE);
    await broker.close();
    return out;
  }

  it('handles a message once when it succeeds, keeping its request id', async () => {
    await send({ n: 1, fail_times: 0 }, 1);
    const seen = await eventually(async () => (handler.seen.some((s) => s.n === 1) ? handler.seen.filter((s) => s.n === 1) : undefined));
    await new Promise((r) => setTimeout(r, 300));
    expect(handler.seen.filter((s) => s.n === 1)).toHaveLength(1);
    expect(seen[0]).toMatchObject({ attempt: 1, requestId: 'req-1' });
  });

  it('retries with growing delays and succeeds on the third attempt', async () => {
    await send({ n: 2, fail_times: 2 }, 2);
    const seen = await eventually(async () => {
      const s = handler.seen.filter((x) => x.n === 2);
      return s.length === 3 ? s : undefined;
    }, 5000, 'three attempts');
    expect(seen.map((s) => s.attempt)).toEqual([1, 2, 3]);
    const firstDelay = seen[1].at - seen[0].at;
    const secondDelay = seen[2].at - seen[1].at;
    expect(firstDelay).toBeGreaterThanOrEqual(250);
    expect(secondDelay).toBeGreaterThanOrEqual(550);
    expect(seen.every((s) => s.requestId === 'req-2')).toBe(true);
  });

  it('dead-letters after the last attempt, and unparseable messages at once', async () => {
    await send({ n: 3, fail_times: 99 }, 3);
    await send({ n: 'not a number' }, 4);
    await eventually(async () => (handler.seen.filter((x) => x.n === 3).length === 3 ? true : undefined), 5000, 'three attempts');
    const dead = await eventually(async () => {
      const got = await readDeadLetters();
      return got.length >= 2 ? got : undefined;
    }, 5000, 'two dead letters');
    const byEvent = new Map(dead.map((m) => [String(m.properties.headers?.['event_id']), m]));
    const exhausted = byEvent.get('00000000-0000-4000-8000-000000000003');
    const garbage = byEvent.get('00000000-0000-4000-8000-000000000004');
    expect(exhausted?.properties.headers?.['attempt']).toBe(3);
    expect(String(exhausted?.properties.headers?.['x-failure-reason'])).toContain('failing on purpose (3)');
    expect(garbage?.properties.headers?.['attempt']).toBe(1);
    expect(String(garbage?.properties.headers?.['x-failure-reason'])).toContain('unparseable');
    expect(handler.seen.some((s) => String(s.n) === 'not a number')).toBe(false);
  });
});

describe('ConsumerHost declared queues', () => {
  it('declares the work queue and one delay queue per delay, and the suite teardown deletes exactly those', async () => {
    const infra = await createTestInfrastructure('declared_queues');
    const broker = await connectRawBroker(infra.amqpUrl);
    const existing = (queues: string[]) => Promise.all(queues.map((q) => broker.queueExists(q)));
    let declared: string[] = [];
    let existedBeforeTeardown: boolean[] = [];
    try {
      const app = await startConsumerApp(infra, [PingHandler], { env: { CONSUMER_RETRY_SCHEDULE: '0.5,2,2' } });
      declared = app.consumers.declaredQueues();
      await app.close();
      existedBeforeTeardown = await existing(declared);
    } finally {
      await infra.teardown();
    }
    const existAfterTeardown = await existing(declared);
    await broker.close();
    const p = infra.amqpPrefix;
    expect(declared).toEqual([`${p}test.pings`, `${p}test.pings.delay.500ms`, `${p}test.pings.delay.2000ms`]);
    expect(existedBeforeTeardown).toEqual([true, true, true]);
    expect(existAfterTeardown).toEqual([false, false, false]);
  }, 20_000);
});

const ticketHandler = (queue: string, routingKey: string, running: { now: number; peak: number; done: number }) => {
  @Injectable()
  @QueueConsumer()
  class TicketHandler {
    readonly queue = { name: queue, bindings: [{ exchange: Exchanges.events, pattern: routingKey }] };
    readonly contract = PingContract;

    async handle() {
      running.now++;
      running.peak = Math.max(running.peak, running.now);
      await new Promise((resolve) => setTimeout(resolve, 50));
      running.now--;
      running.done++;
      return Outcome.done();
    }
  }
  return TicketHandler;
};

describe('ConsumerHost handler concurrency', () => {
  it('runs at most DATABASE_POOL_SIZE - 2 handlers at once across all consumers', async () => {
    const infra = await createTestInfrastructure('handler_slots');
    const running = { now: 0, peak: 0, done: 0 };
    const handlers = [ticketHandler('test.slots.a', 'business.slots', running), ticketHandler('test.slots.b', 'business.slots', running)];
    const app = await startConsumerApp(infra, handlers, { env: { DATABASE_POOL_SIZE: '4', AMQP_PREFETCH: '20' } });
    try {
      await Promise.all(Array.from({ length: 10 }, (_, n) => app.publisher.publish(pingMessage('business.slots', { n, fail_times: 0 }, n))));
      await eventually(async () => (running.done === 20 ? true : undefined), 10_000, 'every message handled');
      expect(running.peak).toBe(2);
    } finally {
      await app.close();
      await infra.teardown();
    }
  }, 30_000);
});
