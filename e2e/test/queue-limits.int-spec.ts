// Limits the topology puts on a real RabbitMQ: a message that keeps crashing its consumer
// ends in the dead-letter queue after CONSUMER_DELIVERY_LIMIT deliveries; herald.unrouted is
// capped in length and age; herald.realtime has no alternate exchange, so a live message
// nobody listens to is dropped instead of parked in herald.unrouted.
import { Injectable } from '@nestjs/common';
import { Exchanges, MessageContract } from '@herald/contracts';
import { DEAD_LETTER_QUEUE, Outcome, QueueConsumer, UNROUTED_QUEUE } from '@herald/platform/messaging';
import { createTestInfrastructure, eventually, startConsumerApp, TestInfrastructure } from '@herald/platform/testing';
import { connectRawBroker, RawBroker } from './raw-broker';

const PoisonContract = new MessageContract<{ n: number }>('test.poison', 1, {
  type: 'object',
  required: ['n'],
  properties: { n: { type: 'integer' } },
});

@Injectable()
@QueueConsumer()
class PoisonHandler {
  readonly queue = { name: 'test.poison', bindings: [{ exchange: Exchanges.events, pattern: 'business.poison' }] };
  readonly contract = PoisonContract;

  async handle() {
    return Outcome.done();
  }
}

const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;

describe('queue limits', () => {
  let infra: TestInfrastructure;
  let broker: RawBroker;

  beforeAll(async () => {
    infra = await createTestInfrastructure('queue_limits');
    broker = await connectRawBroker(infra.amqpUrl);
    // Declares the whole topology through the consumer host, then leaves the queues to the test.
    const app = await startConsumerApp(infra, [PoisonHandler], { env: { CONSUMER_DELIVERY_LIMIT: '3' } });
    await app.close();
  }, 30_000);

  afterAll(async () => {
    await broker?.close();
    await infra?.teardown();
  }, 30_000);

  it('dead-letters a message that keeps crashing its consumer after the delivery limit', async () => {
    const channel = await broker.connection.createChannel();
    const workQueue = `${infra.amqpPrefix}test.poison`;
    let deliveries = 0;
    await channel.prefetch(1);
    await channel.consume(workQueue, (msg) => {
      if (!msg) return;
      deliveries++;
      // What a consumer that crashes mid-message looks like to the broker: never acked, back in the queue.
      channel.nack(msg, false, true);
    });
    channel.publish(`${infra.amqpPrefix}${Exchanges.events}`, 'business.poison', Buffer.from('{"n":1}'), {
      persistent: true,
      headers: { event_id: 'poison-1' },
    });
    const dead = await eventually(async () => {
      const got = await broker.drain(infra.amqpPrefix + DEAD_LETTER_QUEUE);
      return got.length > 0 ? got : undefined;
    }, 10_000, 'the poison message in the dead-letter queue');
    await channel.close();
    expect(dead.map((m) => m.properties.headers?.['event_id'])).toEqual(['poison-1']);
    // The first delivery plus up to CONSUMER_DELIVERY_LIMIT redeliveries (brokers differ by one in how they count).
    expect(deliveries).toBeGreaterThanOrEqual(3);
    expect(deliveries).toBeLessThanOrEqual(4);
    expect(await broker.drain(workQueue)).toEqual([]);
  }, 20_000);

  it('caps herald.unrouted at 100000 messages and 7 days, dropping the oldest first', async () => {
    const unrouted = infra.amqpPrefix + UNROUTED_QUEUE;
    // The broker accepts a redeclare only with exactly the arguments the queue has.
    const capped = { 'x-queue-type': 'quorum', 'x-max-length': 100_000, 'x-message-ttl': SEVEN_DAYS_MS, 'x-overflow': 'drop-head' };
    expect(await broker.tryDeclare(unrouted, { durable: true, arguments: capped })).toBe('ok');
    expect(await broker.tryDeclare(unrouted, { durable: true, arguments: { 'x-queue-type': 'quorum' } })).toMatch(/406 .*inequivalent arg/);
  });

  it('drops a realtime message nobody listens to, while other exchanges park theirs in herald.unrouted', async () => {
    const channel = await broker.connection.createConfirmChannel();
    channel.publish(`${infra.amqpPrefix}${Exchanges.realtime}`, 'notification.nobody', Buffer.from('{}'), { headers: { event_id: 'live-1' } });
    channel.publish(`${infra.amqpPrefix}${Exchanges.events}`, 'business.nobody', Buffer.from('{}'), { headers: { event_id: 'event-1' } });
    await channel.waitForConfirms();
    await channel.close();
    const parked = await eventually(async () => {
      const got = await broker.drain(infra.amqpPrefix + UNROUTED_QUEUE);
      return got.length > 0 ? got : undefined;
    }, 5000, 'the unrouted event');
    expect(parked.map((m) => m.properties.headers?.['event_id'])).toEqual(['event-1']);
  }, 15_000);
});
