// Broadcast queues on a real RabbitMQ: every replica has its own exclusive, auto-delete queue
// on herald.realtime, so each one gets every live message exactly once; a failed live message
// is dropped (best effort: no retry, no delay queue, no dead-letter); the queues go away
// with their replicas, and each is capped so a stalled replica cannot grow it without bound.
import { Injectable } from '@nestjs/common';
import { Exchanges, MessageContract } from '@herald/contracts';
import { BROADCAST_QUEUE_LIMITS, DEAD_LETTER_QUEUE, declareBroadcastQueue, MessageContext, Outcome, QueueConsumer, TopologyNames } from '@herald/platform/messaging';
import { createTestInfrastructure, eventually, startConsumerApp, TestConsumerApp, TestInfrastructure } from '@herald/platform/testing';
import { connectRawBroker, RawBroker } from './raw-broker';

const LiveContract = new MessageContract<{ n: number; fail?: boolean }>('test.live', 1, {
  type: 'object',
  required: ['n'],
  properties: { n: { type: 'integer' }, fail: { type: 'boolean' } },
});

@Injectable()
@QueueConsumer()
class LiveHandler {
  readonly queue = { name: 'test.live', kind: 'broadcast' as const, bindings: [{ exchange: Exchanges.realtime, pattern: 'notification.#' }] };
  readonly contract = LiveContract;
  readonly seen: Array<{ n: number; redelivered: boolean }> = [];

  async handle(message: { n: number; fail?: boolean }, ctx: MessageContext) {
    this.seen.push({ n: message.n, redelivered: ctx.redelivered });
    return message.fail ? Outcome.retry('failing on purpose') : Outcome.done();
  }
}

describe('broadcast queues', () => {
  let infra: TestInfrastructure;
  let broker: RawBroker;
  let replicas: TestConsumerApp[];

  beforeAll(async () => {
    infra = await createTestInfrastructure('broadcast');
    broker = await connectRawBroker(infra.amqpUrl);
    replicas = [await startConsumerApp(infra, [LiveHandler]), await startConsumerApp(infra, [LiveHandler])];
  }, 30_000);

  afterAll(async () => {
    for (const replica of replicas ?? []) await replica.close().catch(() => undefined);
    await broker?.close();
    await infra?.teardown();
  }, 30_000);

  const publishLive = (n: number, fail = false) =>
    replicas[0].publisher.publish({
      exchange: Exchanges.realtime,
      routingKey: 'notification.created',
      body: { n, fail },
      headers: { event_id: `live-${n}`, tenant_id: 'tn', request_id: `req-${n}`, attempt: 1, traceparent: '' },
    });
  const seenBy = (replica: TestConsumerApp, n: number) => replica.app.get(LiveHandler).seen.filter((s) => s.n === n);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 600));

  it('delivers one live message to every replica, once each', async () => {
    await publishLive(1);
    await eventually(async () => (replicas.every((r) => seenBy(r, 1).length > 0) ? true : undefined), 5000, 'both replicas');
    await settle();
    expect(replicas.map((r) => seenBy(r, 1).length)).toEqual([1, 1]);
  }, 15_000);

  it('drops a live message whose handler asks for a retry: no redelivery, no delay queue, no dead-letter', async () => {
    await publishLive(2, true);
    await eventually(async () => (replicas.every((r) => seenBy(r, 2).length > 0) ? true : undefined), 5000, 'both replicas');
    await settle();
    expect(replicas.map((r) => seenBy(r, 2))).toEqual([[{ n: 2, redelivered: false }], [{ n: 2, redelivered: false }]]);
    expect(replicas.map((r) => r.consumers.declaredQueues())).toEqual([[], []]);
    expect(await broker.drain(infra.amqpPrefix + DEAD_LETTER_QUEUE)).toEqual([]);
  }, 15_000);

  it('caps a replica\'s live queue, dropping the oldest, so a replica that stops consuming cannot grow it without bound', async () => {
    const channel = await broker.connection.createConfirmChannel();
    const names = new TopologyNames(infra.amqpPrefix);
    const queue = names.broadcastQueue('test.stalled', 'r1');
    await declareBroadcastQueue(channel, names, { name: 'test.stalled', kind: 'broadcast', bindings: [{ exchange: Exchanges.realtime, pattern: 'stalled.#' }] }, queue);
    const limit = BROADCAST_QUEUE_LIMITS['x-max-length'];
    for (let i = 0; i < limit + 50; i++) channel.publish(names.exchange(Exchanges.realtime), 'stalled.x', Buffer.from(String(i)));
    await channel.waitForConfirms();
    expect((await channel.checkQueue(queue)).messageCount).toBe(limit);
    const oldest = await channel.get(queue, { noAck: true });
    expect(oldest && oldest.content.toString()).toBe('50');
    await channel.close();
  }, 30_000);

  it('gives each replica its own queue, which is gone once the replica closes', async () => {
    const queues = replicas.map((r) => r.consumers.consumerStatuses()[0].consumesFrom);
    expect(new Set(queues).size).toBe(2);
    for (const queue of queues) expect(queue.startsWith(`${infra.amqpPrefix}test.live.`)).toBe(true);
    for (const queue of queues) expect(await broker.queueExists(queue)).toBe(true);
    for (const replica of replicas) await replica.close();
    for (const queue of queues) expect(await broker.queueExists(queue)).toBe(false);
  }, 15_000);
});
