// A worker SIGKILLed in the middle of an attempt: the worker runs as a real child process,
// its receiver never answers the first request, and the process is killed while it waits.
// Another worker attempts the delivery again once the dead one's lease runs out, with the
// same webhook-id, so the receiver can tell it is the same delivery.
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import amqplib from 'amqplib';
import { DataSource } from 'typeorm';
import { Exchanges } from '@herald/contracts';
import { EnvMap, loadConfig } from '@herald/platform/config';
import { createDataSource } from '@herald/platform/persistence';
import {
  createTestInfrastructure,
  eventually,
  seedTenant,
  seedWebhookSubscription,
  startTestApp,
  startWebhookReceiver,
  TestApp,
  TestInfrastructure,
  webhookJob,
  WebhookReceiver,
} from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { readAttempts, readDelivery, settled } from './delivery-client';

const ROOT = join(__dirname, '..', '..', '..');
const TENANT = 'tn_crash';

describe('delivery-worker: a worker killed mid-delivery', () => {
  let infra: TestInfrastructure;
  let env: EnvMap;
  let db: DataSource;
  let receiver: WebhookReceiver;
  let child: ChildProcess | undefined;
  let successor: TestApp | undefined;

  beforeAll(async () => {
    infra = await createTestInfrastructure('delivery_crash');
    env = { ...infra.env, DELIVERY_ATTEMPT_TIMEOUT_MS: '2000', DELIVERY_POLL_INTERVAL_MS: '50' };
    db = createDataSource({ databaseUrl: infra.databaseUrl, databasePoolSize: 2, appName: 'test:crash' });
    await db.initialize();
    await seedTenant(db, TENANT, []);
    receiver = await startWebhookReceiver([{ status: 200, delayMs: 60_000 }, { status: 200 }]);
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await successor?.close();
    await receiver?.close();
    await db?.destroy();
    // the child's queues, should it die before the successor declares (and so tracks) them
    await infra?.teardown(['delivery.jobs', 'delivery.jobs.delay.200ms', 'delivery.jobs.delay.400ms'].map((q) => infra.amqpPrefix + q));
  });

  it('is sent again by another worker after the lease, with the same webhook-id', async () => {
    const { id } = await seedWebhookSubscription(db, loadConfig(APP_DEFAULTS, env), TENANT, { url: receiver.url });
    child = spawn(process.execPath, ['-r', join(ROOT, 'tools/runtime/register-ts.js'), join(ROOT, 'apps/delivery-worker/src/main.ts')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let childErrors = '';
    child.stderr?.on('data', (chunk: Buffer) => (childErrors += chunk.toString()));
    const broker = await amqplib.connect(infra.amqpUrl);
    try {
      const channel = await broker.createChannel();
      channel.on('error', () => undefined);
      const consumers = async () => {
        const probe = await broker.createChannel();
        probe.on('error', () => undefined);
        const { consumerCount } = await probe.checkQueue(`${infra.amqpPrefix}delivery.jobs`).catch(() => ({ consumerCount: 0 }));
        await probe.close().catch(() => undefined);
        return consumerCount;
      };
      await eventually(async () => ((await consumers()) > 0 ? true : undefined), 20_000, 'the child worker to consume').catch((err: Error) => {
        throw new Error(`${err.message}; the child said: ${childErrors}`);
      });
      const job = webhookJob(TENANT, id);
      channel.publish(`${infra.amqpPrefix}${Exchanges.deliveries}`, 'webhook', Buffer.from(JSON.stringify(job)), {
        persistent: true,
        headers: { event_id: job.event_id, tenant_id: TENANT, request_id: 'crash-test', attempt: 1, traceparent: '' },
      });
      await eventually(async () => (receiver.received.length === 1 ? true : undefined), 10_000, 'the first attempt to arrive');
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      expect(await readDelivery({ dataSource: db }, job.delivery_id)).toMatchObject({ status: 'pending', attempts: 1 });

      successor = await startTestApp(APP_DEFAULTS, (c, logger) => AppModule.forRoot(c, logger), infra, env);
      expect(await settled(successor, job.delivery_id, 20_000)).toMatchObject({ status: 'succeeded', attempts: 2 });
      expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([job.delivery_id, job.delivery_id]);
      expect(await readAttempts(successor, job.delivery_id)).toEqual([expect.objectContaining({ attempt: 2, outcome: 'success', status_code: 200 })]);
    } finally {
      await broker.close();
    }
  }, 60_000);
});
