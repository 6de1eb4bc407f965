// Readiness of a consumer app (SPEC §1): the notification service is not ready while its
// consumer's channel cannot be set up (the broker refuses the queue declaration), says which
// queue without any broker text, and turns ready by itself once the conflict is gone.
import amqplib from 'amqplib';
import { createTestInfrastructure, eventually, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

describe('notification-service readiness', () => {
  let infra: TestInfrastructure;
  let app: TestApp;
  let connection: amqplib.ChannelModel;

  beforeAll(async () => {
    infra = await createTestInfrastructure('ns_ready');
    connection = await amqplib.connect(infra.amqpUrl);
  });

  afterAll(async () => {
    await app?.close();
    await connection?.close();
    await infra?.teardown();
  });

  it('answers 503 naming the consumer whose setup failed, and 200 once it recovers', async () => {
    // A classic queue where the consumer declares a quorum one: the broker refuses (406).
    const queue = `${infra.amqpPrefix}notifications.events`;
    const channel = await connection.createChannel();
    await channel.assertQueue(queue, { durable: true });
    app = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra, {}, { waitForConsumers: false });

    const notReady = await eventually(async () => {
      const res = await fetch(`${app.url}/api/v1/health/ready`);
      return res.status === 503 ? res : undefined;
    }, 10_000, 'not ready');
    const text = await notReady.text();
    expect(JSON.parse(text)).toMatchObject({
      error: { code: 'SERVICE_UNAVAILABLE', details: { failing: ['consumers'], checks: { consumers: { status: 'down', queues: ['notifications.events'] } } } },
    });
    expect(text).not.toMatch(/PRECONDITION|inequivalent|127\.0\.0\.1|:5672/);
    expect(notReady.headers.get('retry-after')).not.toBeNull();
    expect((await fetch(`${app.url}/api/v1/health/live`)).status).toBe(200);

    await channel.deleteQueue(queue);
    await channel.close();
    await eventually(async () => ((await fetch(`${app.url}/api/v1/health/ready`)).status === 200 ? true : undefined), 40_000, 'ready again');
  }, 60_000);
});
