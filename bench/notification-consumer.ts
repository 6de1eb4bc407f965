// Benchmark of the notification consumer alone: a backlog of `--events` event.accepted
// messages waits in notifications.events (published while the service was stopped, as after
// an outage), then the built notification service starts and drains it. Reports events/s
// stored (notification + recipients + processing report + webhook job and live push in the
// outbox, in one transaction per batch), the time until the fan-out is published (the outbox
// empty) and the service's CPU per event. Shows the consumer's ceiling apart from the gateway
// and the delivery worker.
// Usage: npm run bench:consumer -- [--events 20000] [--profile /tmp/prof]
// (--profile: the service's --cpu-prof, read with `node tools/dev/run-built.js bench/profile-top <file>`)
import amqplib from 'amqplib';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { eventRoutingKey, Exchanges } from '@herald/contracts';
import { HeraldConfig } from '@herald/platform/config';
import { createTestInfrastructure, eventMessage, seedTenant, seedWebhookSubscription } from '@herald/platform/testing';
import { stopApp } from '../tools/dev/app-process';
import { runBench, say } from './bench-support';
import { cpuSeconds, startBenchApp } from './servers';

const { values } = parseArgs({ options: { events: { type: 'string', default: '20000' }, port: { type: 'string', default: '3961' }, profile: { type: 'string' } } });
const TOTAL = Number(values.events);
const PORT = Number(values.port);

async function main(): Promise<void> {
  const infra = await createTestInfrastructure('bench_consumer');
  const dataSource = new DataSource({ type: 'postgres', url: infra.databaseUrl });
  await dataSource.initialize();
  const secretsKey = randomBytes(32).toString('base64');
  const env = { WEBHOOK_SECRETS_KEY: secretsKey };
  try {
    await seedTenant(dataSource, 'tn_bench', [{ id: 'u_ops', roles: ['ops'] }]);
    await seedWebhookSubscription(dataSource, { webhookSecretsKey: Buffer.from(secretsKey, 'base64') } as Pick<HeraldConfig, 'webhookSecretsKey'>, 'tn_bench', {
      url: 'https://receiver.invalid/hook',
      eventTypes: ['resource_usage'],
    });
    // a first start declares and binds notifications.events; the backlog waits there
    await stopApp(await startBenchApp('notification-service', infra, PORT, env));
    const connection = await amqplib.connect(infra.amqpUrl);
    const channel = await connection.createConfirmChannel();
    for (let i = 0; i < TOTAL; i++) {
      const event = eventMessage({ tenant_id: 'tn_bench', type: 'resource_usage', payload: { resource_type: 'cpu', usage: i % 100, summary: 'bench consumer' } });
      const headers = { event_id: event.event_id, tenant_id: event.tenant_id, request_id: `bench-${i}`, attempt: 1, traceparent: '' };
      channel.publish(`${infra.amqpPrefix}${Exchanges.events}`, eventRoutingKey(event.kind, event.type), Buffer.from(JSON.stringify(event)), {
        persistent: true,
        contentType: 'application/json',
        type: 'event.accepted',
        messageId: event.event_id,
        headers,
      });
      if (i % 1000 === 999) await channel.waitForConfirms();
    }
    await channel.waitForConfirms();
    await connection.close();
    const load = loadavg().map((l) => l.toFixed(2)).join(' ');
    say(`notification consumer: ${TOTAL} events waiting; load ${load}`);

    const started = Date.now();
    const app = await startBenchApp('notification-service', infra, PORT, env, values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : []);
    const count = async (sql: string) => Number((await dataSource.query(sql))[0].n);
    let stored = 0;
    let storedAt = 0;
    const deadline = Date.now() + 600_000;
    while (Date.now() < deadline) {
      stored = await count('SELECT count(*) AS n FROM notifications');
      if (stored >= TOTAL && !storedAt) storedAt = Date.now();
      if (storedAt && (await count('SELECT count(*) AS n FROM notification_outbox')) === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const publishedAt = Date.now();
    const cpu = cpuSeconds(app.pid);
    await stopApp(app);
    const seconds = ((storedAt || publishedAt) - started) / 1000;
    // created_at is each transaction's start: first to last commit, without the boot
    const span = Number((await dataSource.query('SELECT extract(epoch FROM max(created_at) - min(created_at)) AS s FROM notifications'))[0].s);
    const batches = await count('SELECT count(DISTINCT created_at) AS n FROM notifications');
    say(
      `notification consumer: ${stored} of ${TOTAL} stored in ${span.toFixed(1)} s = ${Math.round(stored / span)} events/s ` +
        `(${batches} transactions, ${(stored / Math.max(1, batches)).toFixed(1)} events each; ${seconds.toFixed(1)} s incl. boot); ` +
        `fan-out published after ${((publishedAt - started) / 1000).toFixed(1)} s; ${((cpu * 1e6) / Math.max(1, stored)).toFixed(0)} µs CPU/event; ` +
        `load ${load} → ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
    );
  } finally {
    await dataSource.destroy();
    await infra.teardown();
  }
}

runBench(main);
