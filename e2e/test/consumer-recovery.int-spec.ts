// Consumers that cannot die silently, on a real RabbitMQ: a changed retry schedule between
// two boots keeps consuming; a work queue the broker refuses to declare shows in readiness
// and the log, and the consumer recovers by itself once the conflict is gone; a retry no
// queue takes is not confirmed, and its message is redelivered instead of lost; a dropped
// connection is not a failure, and consuming resumes once it is back; a work queue deleted
// under its consumer is declared again.
import pino from 'pino';
import { UnroutableMessageError } from '@herald/platform/messaging';
import {
  createTestInfrastructure,
  eventually,
  startConsumerApp,
  startTcpProxy,
  TestConsumerApp,
  TestInfrastructure,
} from '@herald/platform/testing';
import { Ping, pingConsumer, pingMessage } from './ping-consumer';
import { connectRawBroker, RawBroker } from './raw-broker';

/** A pino logger whose JSON lines the test can read. */
function capturedLogger() {
  const lines: Array<{ level: number; msg: string } & Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('consumer recovery', () => {
  let infra: TestInfrastructure;
  let broker: RawBroker;
  const apps: TestConsumerApp[] = [];

  beforeAll(async () => {
    infra = await createTestInfrastructure('consumer_recovery');
    broker = await connectRawBroker(infra.amqpUrl);
  }, 30_000);

  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await broker?.close();
    await infra?.teardown();
  }, 30_000);

  const publishPing = (app: TestConsumerApp, routingKey: string, ping: Ping) => app.publisher.publish(pingMessage(routingKey, ping, ping.n));

  it('keeps consuming and retrying when the retry schedule changes between two boots', async () => {
    const Handler = pingConsumer('test.schedule', 'business.schedule');
    const first = await startConsumerApp(infra, [Handler], { env: { CONSUMER_RETRY_SCHEDULE: '0.2,0.4' } });
    apps.push(first);
    await publishPing(first, 'business.schedule', { n: 1, fail_times: 1 });
    await eventually(async () => (first.app.get(Handler).attemptsOf(1).length === 2 ? true : undefined), 5000, 'a retry on the first schedule');
    await first.close();

    const second = await startConsumerApp(infra, [Handler], { env: { CONSUMER_RETRY_SCHEDULE: '0.3' } });
    apps.push(second);
    await publishPing(second, 'business.schedule', { n: 2, fail_times: 1 });
    const seen = await eventually(async () => {
      const s = second.app.get(Handler).attemptsOf(2);
      return s.length === 2 ? s : undefined;
    }, 5000, 'a retry on the second schedule');
    expect(seen.map((s) => s.attempt)).toEqual([1, 2]);
    expect(second.consumers.readiness()).toEqual({ ready: true, failing: [] });
    expect(second.consumers.declaredQueues()).toContain(`${infra.amqpPrefix}test.schedule.delay.300ms`);
  }, 30_000);

  it('reports a consumer whose queue the broker refuses, logs why once per attempt, and recovers by itself', async () => {
    const conflicting = `${infra.amqpPrefix}test.conflict`;
    expect(await broker.tryDeclare(conflicting, { durable: true, arguments: { 'x-queue-type': 'classic' } })).toBe('ok');
    const Handler = pingConsumer('test.conflict', 'business.conflict');
    const { logger, lines } = capturedLogger();
    const app = await startConsumerApp(infra, [Handler], { logger, waitForConsumers: false });
    apps.push(app);

    await eventually(async () => (app.consumers.readiness().ready ? undefined : true), 5000, 'the consumer to fail');
    expect(app.consumers.readiness()).toEqual({ ready: false, failing: ['test.conflict'] });
    expect(app.consumers.consumerStatuses()[0]).toMatchObject({ queue: 'test.conflict', state: 'failed', reason: expect.stringContaining('406') });
    const failures = lines.filter((l) => l.level >= 50);
    expect(failures.length).toBeGreaterThanOrEqual(1);
    for (const line of failures) {
      expect(line).toMatchObject({
        msg: 'channel setup failed; retrying',
        channel: 'consumer:test.conflict',
        reason: expect.stringMatching(/^406 PRECONDITION_FAILED - inequivalent arg .* for queue '.*test\.conflict'/),
      });
    }

    await broker.deleteQueue(conflicting);
    await eventually(async () => (app.consumers.readiness().ready ? true : undefined), 15_000, 'the consumer to recover');
    await publishPing(app, 'business.conflict', { n: 3, fail_times: 0 });
    await eventually(async () => (app.app.get(Handler).attemptsOf(3).length === 1 ? true : undefined), 5000, 'the message to be consumed');
    // One channel's refusal never took the shared connection (and so every other channel) down.
    expect(lines.filter((l) => l.msg === 'broker disconnected; reconnecting')).toEqual([]);
  }, 40_000);

  it('rejects a mandatory publish that no queue takes instead of confirming it', async () => {
    const app = await startConsumerApp(infra, []);
    apps.push(app);
    const publish = (mandatory: boolean) =>
      app.publisher.publishRaw('', `${infra.amqpPrefix}test.nowhere`, Buffer.from('{}'), {
        mandatory,
        headers: { event_id: 'e', tenant_id: 'tn', request_id: 'r', attempt: 1, traceparent: '' },
      });
    await expect(publish(true)).rejects.toBeInstanceOf(UnroutableMessageError);
    await expect(publish(false)).resolves.toBeUndefined();
  }, 15_000);

  it('does not lose a message whose retry cannot be routed: it is redelivered and retried once the delay queue is back', async () => {
    const Handler = pingConsumer('test.unroutable', 'business.unroutable');
    const { logger, lines } = capturedLogger();
    const app = await startConsumerApp(infra, [Handler], { logger, env: { CONSUMER_RETRY_SCHEDULE: '0.3' } });
    apps.push(app);
    await broker.deleteQueue(`${infra.amqpPrefix}test.unroutable.delay.300ms`);

    await publishPing(app, 'business.unroutable', { n: 4, fail_times: 1 });
    const seen = await eventually(async () => {
      const s = app.app.get(Handler).attemptsOf(4);
      return s.some((x) => x.attempt === 2) ? s : undefined;
    }, 10_000, 'the retried attempt');
    expect(seen).toMatchObject([
      { n: 4, attempt: 1, redelivered: false },
      { n: 4, attempt: 1, redelivered: true },
      { n: 4, attempt: 2, redelivered: false },
    ]);
    const unsettled = lines.find((l) => l.msg === 'could not settle message; it will be redelivered');
    expect(unsettled).toMatchObject({ queue: 'test.unroutable', err: expect.stringContaining('no queue took the message') });
    expect(await broker.queueExists(`${infra.amqpPrefix}test.unroutable.delay.300ms`)).toBe(true);
  }, 30_000);

  it('does not report a consumer as failing while the broker connection is merely down, and consumes again once it is back', async () => {
    const Handler = pingConsumer('test.reconnect', 'business.reconnect');
    const { logger, lines } = capturedLogger();
    const proxy = await startTcpProxy(infra.amqpUrl);
    const app = await startConsumerApp(infra, [Handler], { logger, env: { AMQP_URL: proxy.url } });
    apps.push(app);
    const readiness: boolean[] = [];
    const sampler = setInterval(() => readiness.push(app.consumers.readiness().ready), 20);
    try {
      proxy.cut();
      await eventually(async () => (lines.some((l) => l.msg === 'broker disconnected; reconnecting') ? true : undefined), 5000, 'the drop noticed');
      await new Promise((r) => setTimeout(r, 300));
      proxy.restore();
      const connects = () => lines.filter((l) => l.msg === 'broker connected').length;
      await eventually(async () => (connects() >= 2 ? true : undefined), 10_000, 'a reconnect');
      await eventually(async () => (app.consumers.consumerStatuses()[0].state === 'consuming' ? true : undefined), 10_000, 'consuming again');
    } finally {
      clearInterval(sampler);
      proxy.restore();
    }
    await publishPing(app, 'business.reconnect', { n: 5, fail_times: 0 });
    await eventually(async () => (app.app.get(Handler).attemptsOf(5).length === 1 ? true : undefined), 5000, 'the message after the reconnect');
    expect(readiness.length).toBeGreaterThan(0);
    expect(readiness.every(Boolean)).toBe(true);
    expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    await app.close();
    await proxy.close();
  }, 30_000);

  it('declares its work queue again and keeps consuming when the queue is deleted under it', async () => {
    const Handler = pingConsumer('test.deleted', 'business.deleted');
    const app = await startConsumerApp(infra, [Handler]);
    apps.push(app);
    const queue = `${infra.amqpPrefix}test.deleted`;
    await broker.deleteQueue(queue);
    await eventually(async () => ((await broker.queueExists(queue)) ? true : undefined), 10_000, 'the queue declared again');
    await eventually(async () => (app.consumers.consumerStatuses()[0].state === 'consuming' ? true : undefined), 10_000, 'consuming again');
    await publishPing(app, 'business.deleted', { n: 6, fail_times: 0 });
    await eventually(async () => (app.app.get(Handler).attemptsOf(6).length === 1 ? true : undefined), 5000, 'the message in the new queue');
  }, 30_000);
});
