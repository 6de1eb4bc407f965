// The consumer host on a real RabbitMQ: retries go through the delay queues with growing
// delays and an incremented attempt header, the last failure and unparseable messages
// land in the dead-letter queue, and successful messages are acked exactly once.
import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import amqplib from 'amqplib';
import { Exchanges, MessageContract } from '@herald/contracts';
import { ConfigModule, loadConfig } from '@herald/platform/config';
import { ObservabilityModule } from '@herald/platform/observability';
import { createTestInfrastructure, eventually, TestInfrastructure } from '@herald/platform/testing';
import { ConsumerHost, DEAD_LETTER_QUEUE, MessageContext, MessagePublisher, MessagingModule, Outcome, QueueConsumer } from '@herald/platform/messaging';

interface Ping {
  n: number;
  fail_times: number;
}
const PingContract = new MessageContract<Ping>('test.ping', 1, {
  type: 'object',
  required: ['n', 'fail_times'],
  properties: { n: { type: 'integer' }, fail_times: { type: 'integer' } },
});
const QUEUE = { name: 'test.pings', bindings: [{ exchange: Exchanges.events, pattern: 'business.ping' }] };

@Injectable()
@QueueConsumer()
class PingHandler {
  readonly queue = QUEUE;
  readonly contract = PingContract;
  readonly seen: Array<{ n: number; attempt: number; at: number; requestId: string }> = [];

  async handle(ping: Ping, ctx: MessageContext) {
    this.seen.push({ n: ping.n, attempt: ctx.headers.attempt, at: Date.now(), requestId: ctx.headers.request_id });
    return ctx.headers.attempt <= ping.fail_times ? Outcome.retry(`failing on purpose (${ctx.headers.attempt})`) : Outcome.done();
  }
}

describe('ConsumerHost retry and dead-letter', () => {
  let infra: TestInfrastructure;
  let app: INestApplicationContext;
  let handler: PingHandler;
  let publisher: MessagePublisher;

  beforeAll(async () => {
    infra = await createTestInfrastructure('consumer_host');
    const config = loadConfig({ appName: 'messaging-test', port: 0 }, { ...infra.env, CONSUMER_RETRY_SCHEDULE: '0.3,0.6' });
    @Module({ imports: [ConfigModule.forRoot(config), ObservabilityModule.forRoot(), MessagingModule], providers: [PingHandler] })
    class TestModule {}
    app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    await app.init();
    await app.get(ConsumerHost).ready();
    handler = app.get(PingHandler);
    publisher = app.get(MessagePublisher);
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown([QUEUE]);
  });

  const send = (body: unknown, n: number) =>
    publisher.publish({
      exchange: Exchanges.events,
      routingKey: 'business.ping',
      body,
      headers: { event_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, tenant_id: 'tn', request_id: `req-${n}`, attempt: 1, traceparent: '' },
    });

  async function readDeadLetters(): Promise<amqplib.GetMessage[]> {
    const conn = await amqplib.connect(infra.amqpUrl);
    const ch = await conn.createChannel();
    const out: amqplib.GetMessage[] = [];
    for (;;) {
      const msg = await ch.get(infra.amqpPrefix + DEAD_LETTER_QUEUE, { noAck: true });
      if (!msg) break;
      out.push(msg);
    }
    await conn.close();
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
