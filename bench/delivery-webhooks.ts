// Benchmark of the delivery worker: jobs published to herald.deliveries, each signed and
// POSTed to a local keep-alive receiver (one of --destinations subscriptions), until every
// delivery has succeeded. Shows what one worker process sustains end to end (consume,
// store, claim, sign, send, record) on this machine.
// Usage: node tools/dev/run-built.js bench/delivery-webhooks [--jobs 5000] [--destinations 20]
import 'reflect-metadata';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { DeliveryWorkerAppModule, DELIVERY_WORKER_DEFAULTS } from '@herald/delivery';
import { Exchanges } from '@herald/contracts';
import { MessagePublisher } from '@herald/platform/messaging';
import { createTestInfrastructure, seedTenant, seedWebhookSubscription, startTestApp, webhookJob } from '@herald/platform/testing';
import { runBench, say } from './bench-support';

const { values } = parseArgs({ options: { jobs: { type: 'string', default: '5000' }, destinations: { type: 'string', default: '20' } } });
const JOBS = Number(values.jobs);
const DESTINATIONS = Number(values.destinations);
const TENANT = 'tn_bench';

async function main(): Promise<void> {
  let received = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;
  const infra = await createTestInfrastructure('bench_delivery');
  const app = await startTestApp(DELIVERY_WORKER_DEFAULTS, (c, logger) => DeliveryWorkerAppModule.forRoot(c, logger), infra, {
    LOG_LEVEL: 'warn',
    DATABASE_POOL_SIZE: '20',
    DELIVERY_POLL_INTERVAL_MS: '100',
    // the per-destination limit is a deployment choice; try others with DELIVERY_DESTINATION_CONCURRENCY=32 npm run …
    ...(process.env.DELIVERY_DESTINATION_CONCURRENCY ? { DELIVERY_DESTINATION_CONCURRENCY: process.env.DELIVERY_DESTINATION_CONCURRENCY } : {}),
  });
  try {
    await seedTenant(app.dataSource, TENANT, []);
    const subscriptions: Array<{ id: string }> = [];
    for (let i = 0; i < DESTINATIONS; i++) subscriptions.push(await seedWebhookSubscription(app.dataSource, app.config, TENANT, { url: `http://127.0.0.1:${port}/hook/${i}` }));
    const publisher = app.app.get(MessagePublisher);
    const load0 = loadavg()[0];
    const started = Date.now();
    for (let i = 0; i < JOBS; i += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, JOBS - i) }, (_, j) => {
          const job = webhookJob(TENANT, subscriptions[(i + j) % DESTINATIONS].id);
          return publisher.publish({
            exchange: Exchanges.deliveries,
            routingKey: 'webhook',
            body: job,
            messageId: job.delivery_id,
            headers: { event_id: job.event_id, tenant_id: TENANT, request_id: 'bench', attempt: 1, traceparent: '' },
          });
        }),
      );
    }
    const publishedAt = Date.now();
    let done = 0;
    for (let i = 0; i < 6000 && done < JOBS; i++) {
      [{ done }] = await app.dataSource.query(`SELECT count(*)::int AS done FROM deliveries WHERE status = 'succeeded'`);
      if (done < JOBS) await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (Date.now() - started) / 1000;
    say(`published ${JOBS} jobs in ${((publishedAt - started) / 1000).toFixed(2)} s; ${done} deliveries succeeded (${received} requests received) by ${seconds.toFixed(2)} s = ${Math.round(done / seconds)} deliveries/s end to end`);
    say(`${DESTINATIONS} destinations, DELIVERY_CONCURRENCY ${app.config.deliveryConcurrency}, per destination ${app.config.deliveryDestinationConcurrency}, DATABASE_POOL_SIZE ${app.config.databasePoolSize}`);
    say(`load average (1 min): ${load0.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after`);
  } finally {
    await app.close();
    await infra.teardown();
    receiver.closeAllConnections();
    receiver.close();
  }
}

runBench(main);
