// `npm start`: the whole stack on one machine. Checks Postgres, RabbitMQ and Redis answer,
// migrates, seeds the demo tenant, starts the five apps, waits until each is ready, sends
// one demo event through the skeleton flow and one provider webhook whose integration callback
// comes back to the dev delivery sink, and prints URLs, tokens and curl lines.
// Ctrl-C stops every app gracefully.
import 'reflect-metadata';
import { connect } from 'node:net';
import { signDevToken } from '@herald/platform/auth';
import { HeraldConfig, loadConfig, redactUrl } from '@herald/platform/config';
import { describeStartupFailure } from '@herald/platform/http';
import { createDataSource, runMigrations } from '@herald/platform/persistence';
import { DEMO_TENANT_ID, seedDemoTenant } from '@herald/management';
import { spawnBuiltApp, stopApp, waitReady } from './app-process';

const APPS = [
  { name: 'ingestion-gateway', port: 3001 },
  { name: 'webhook-ingress', port: 3002 },
  { name: 'notification-service', port: 3003 },
  { name: 'management-api', port: 3004 },
  { name: 'delivery-worker', port: 3005 },
];
// the default integrations' credentials match docker/compose.yaml's dev values (README's webhook curl)
const DEV_ENV = {
  NODE_ENV: 'development',
  MANAGEMENT_API_KEY: 'dev-operator-key',
  LOG_LEVEL: 'warn',
  ACME_WEBHOOK_SECRET: 'dev-acme-webhook-secret',
  GLOBEX_WEBHOOK_TOKEN: 'dev-globex-webhook-token',
  // the demo integrations' callbacks go to the ingress's dev delivery sink on 127.0.0.1, which the SSRF guard refuses otherwise
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
};

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || defaultPort), timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function checkServices(config: HeraldConfig): Promise<void> {
  const services = [
    { name: 'PostgreSQL', url: config.databaseUrl, port: 5432, env: 'DATABASE_URL', start: "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start" },
    { name: 'RabbitMQ', url: config.amqpUrl, port: 5672, env: 'AMQP_URL', start: 'rabbitmq-server -detached' },
    { name: 'Redis', url: config.redisUrl, port: 6379, env: 'REDIS_URL', start: 'redis-server --daemonize yes' },
  ];
  const down = [];
  for (const s of services) if (!(await reachable(s.url, s.port))) down.push(s);
  for (const s of down) say(`✗ ${s.name} is not reachable at ${redactUrl(s.url)} (${s.env}). Start it with: ${s.start}`);
  if (down.length) process.exit(1);
  say('✓ PostgreSQL, RabbitMQ and Redis answer');
}

async function demoEvent(publisher: string, reader: string): Promise<void> {
  const started = Date.now();
  const res = await fetch('http://127.0.0.1:3001/api/v1/internal/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${publisher}` },
    body: JSON.stringify({
      type: 'revenue_impact',
      source: 'herald-start',
      timestamp: new Date().toISOString(),
      payload: { impact_amount: 12500, impact_type: 'increase', currency: 'USD', summary: `Demo deal closed at ${new Date().toISOString()}` },
    }),
  });
  const body = (await res.json()) as { data?: { event_id: string } };
  if (res.status !== 202 || !body.data) return say(`✗ demo event was refused (${res.status}): ${JSON.stringify(body)}`);
  for (let i = 0; i < 50; i++) {
    const feed = await fetch('http://127.0.0.1:3003/api/v1/notifications?limit=5', { headers: { authorization: `Bearer ${reader}` } });
    const items = ((await feed.json()) as { data: Array<{ summary: string }> }).data;
    if (items.some((n) => n.summary.startsWith('Demo deal closed'))) {
      return say(`✓ demo event ${body.data.event_id} reached u_exec's feed in ${Date.now() - started} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  say(`✗ demo event ${body.data.event_id} was accepted but did not reach the feed within 5 s`);
}

/** A globex webhook to the default integration, then its signed callback in the dev delivery sink (SPEC §5, §8). */
async function demoWebhook(token: string): Promise<void> {
  const started = Date.now();
  const res = await fetch('http://127.0.0.1:3002/api/v1/webhooks/globex', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-globex-token': token },
    body: JSON.stringify({ id: `gx_demo_${started}`, type: 'invoice.paid', timestamp: new Date().toISOString(), resource: { id: 'inv_demo', amount: 5 } }),
  });
  const body = (await res.json()) as { data?: { event_id: string } };
  if (res.status !== 202 || !body.data) return say(`✗ demo webhook was refused (${res.status}): ${JSON.stringify(body)}`);
  const deliveryId = `${body.data.event_id}:callback`;
  for (let i = 0; i < 100; i++) {
    const sink = await fetch('http://127.0.0.1:3002/api/v1/internal/delivery-sink/globex');
    const receipts = ((await sink.json()) as { data: Array<{ headers: Record<string, string> }> }).data;
    if (receipts.some((r) => r.headers['webhook-id'] === deliveryId)) {
      return say(`✓ demo webhook ${body.data.event_id}'s signed callback reached the delivery sink in ${Date.now() - started} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  say(`✗ demo webhook ${body.data.event_id} was accepted but its callback did not reach the delivery sink within 10 s`);
}

async function main(): Promise<void> {
  const config = loadConfig({ appName: 'herald-start', port: 0 }, { ...DEV_ENV, ...process.env });
  await checkServices(config);
  const applied = await runMigrations(config);
  say(`✓ database ready (${applied.length} migration(s) applied)`);
  const dataSource = await createDataSource(config).initialize();
  await seedDemoTenant(dataSource, 'http://127.0.0.1:3002');
  await dataSource.destroy();
  say(`✓ demo tenant ${DEMO_TENANT_ID} seeded (users u_exec, u_ops, u_admin, u_finance; integrations acme, globex)`);

  const children = APPS.map((app) => ({
    ...app,
    child: spawnBuiltApp(app.name, app.port, { env: { ...DEV_ENV, ...process.env }, onLine: (l) => say(`[${app.name}] ${l}`) }),
  }));
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('stopping all apps…');
    await Promise.all(children.map(({ child }) => stopApp(child)));
    say('all apps stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  for (const { name, port, child } of children) {
    try {
      await waitReady(port, child);
      say(`✓ ${name.padEnd(21)} http://127.0.0.1:${port}/api/v1  (health: /api/v1/health, metrics: /metrics)`);
    } catch (err) {
      say(`✗ ${name} did not start: ${(err as Error).message}`);
      return stopAll(1);
    }
  }
  children.forEach(({ name, child }) => child.once('exit', (code) => !stopping && (say(`✗ ${name} exited (${code})`), void stopAll(1))));

  const publisher = signDevToken(config, { sub: 'svc_demo', tenant_id: DEMO_TENANT_ID, scope: ['events:publish', 'alerts:publish', 'notifications:publish'] });
  const reader = signDevToken(config, { sub: 'u_exec', tenant_id: DEMO_TENANT_ID, roles: ['exec'], scope: ['notifications:read'] });
  await demoEvent(publisher, reader);
  await demoWebhook(config.providers.globexWebhookToken ?? '');
  say(`
Dev tokens (12 h; mint others with: npm run token -- --sub u_ops --tenant ${DEMO_TENANT_ID} --roles ops):
  PUBLISHER=${publisher}
  EXEC=${reader}

Publish an event:
  curl -s -X POST http://127.0.0.1:3001/api/v1/internal/events -H "authorization: Bearer $PUBLISHER" -H 'content-type: application/json' \\
    -d '{"type":"revenue_impact","source":"crm","timestamp":"${new Date().toISOString()}","payload":{"impact_amount":500,"impact_type":"increase","summary":"hello"}}'
Read u_exec's feed, or watch it live (in another terminal, before publishing):
  curl -s http://127.0.0.1:3003/api/v1/notifications -H "authorization: Bearer $EXEC"
  curl -N http://127.0.0.1:3003/api/v1/notifications/sse -H "authorization: Bearer $EXEC"
Follow the event as an operator (its derived status, deliveries):
  curl -s "http://127.0.0.1:3004/api/v1/events?page_size=5" -H "x-internal-api-key: ${config.managementApiKey ?? ''}"
Send a provider webhook (globex; acme's signed example is in the README):
  curl -s -X POST http://127.0.0.1:3002/api/v1/webhooks/globex -H "x-globex-token: ${config.providers.globexWebhookToken ?? ''}" -H 'content-type: application/json' \\
    -d '{"id":"gx_1","type":"invoice.paid","timestamp":"${new Date().toISOString()}","resource":{"id":"inv_9","amount":5}}'
See the integration callbacks the delivery worker sent (signed with INTEGRATION_CALLBACK_SECRET):
  curl -s http://127.0.0.1:3002/api/v1/internal/delivery-sink/globex

Ctrl-C stops everything.`);
}

main().catch((err) => {
  process.stderr.write(`start: ${describeStartupFailure(err)}\n`);
  process.exit(1);
});
