// Scenario 4 of `npm run bench`: the live stream. N concurrent `GET /api/v1/notifications/sse`
// streams (one user each, so SSE_MAX_PER_USER never refuses one) against ONE
// notification-service process, held by a few lean client processes (bench/sse-client);
// the service's RSS before and after they connect; then notifications addressed to single
// users, publish → client latency measured by the clients from a send time in the item:
//   a. `realtime`: LiveNotificationMessages published (with confirms) straight to
//      herald.realtime at a steady rate — what the notification consumer's outbox relay
//      publishes — so the figure is the live fan-out's own (broker → consumer → stream write);
//   b. `gateway`: `POST /api/v1/notifications` (kind `notification`, `recipients.users`: one
//      user) on the ingestion gateway — the whole real path: gateway outbox → herald.events →
//      the service's consumer (stores the notification, outbox) → herald.realtime → stream.
// The service needs a file descriptor per stream: the scenario raises its soft limit to the
// hard limit (prlimit) and, when even that is too low for N, holds as many as fit and says so.
import amqplib from 'amqplib';
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { Exchanges } from '@herald/contracts';
import { TestInfrastructure } from '@herald/platform/testing';
import { stopApp } from '../tools/dev/app-process';
import { say } from './bench-support';
import { round, sql } from './load';
import { benchToken, cpuSeconds, rssMb, startBenchApp, startGateway } from './servers';
import { fileLimits, openFds, raiseFileLimit } from './fd-limits';
import { Clients } from './sse-clients';

const TENANT = 'tn_sse';
/** Descriptors the service keeps for itself beyond its streams (listeners, pg, amqp, epoll, logs). */
const FD_HEADROOM = 64;
/** Streams one client process holds at most (each process has its own descriptor limit). */
const STREAMS_PER_CLIENT = 5000;
const DRAIN_SECONDS = 10;
/** Seconds the streams stay idle (heartbeats only) between connecting and the first phase. */
const IDLE_SECONDS = 10;

export interface SsePlan {
  /** Node flags of the service, e.g. `--cpu-prof` (`npm run bench -- --only sse --profile DIR`). */
  nodeArgs?: string[];
  connections: number;
  /** Notifications/s of the realtime phases, one phase each (the latency target is at 1 000/s). */
  rates: number[];
  /** Notifications/s of the gateway phase. */
  gatewayRate: number;
  seconds: number;
  warmup: number;
}

export interface SsePhase {
  path: 'realtime' | 'gateway';
  rate: number;
  seconds: number;
  sent: number;
  received: number;
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  /** Everything sent arrived within DRAIN_SECONDS of the phase's end. */
  drained: boolean;
  /** The service's CPU time per notification received (publish, drain included), µs. */
  cpu_us_per_notification: number;
  rss_mb_after: number;
  load1: number;
}

export interface SseFigures {
  target_connections: number;
  /** The service's descriptor limit (soft, after raising it to the hard limit). */
  fd_limit: number;
  attempted: number;
  connected: number;
  refused: Record<string, number>;
  connect_seconds: number;
  rss_mb_before: number;
  rss_mb_connected: number;
  kb_per_connection: number;
  /** The service's CPU (% of one core) while the streams are idle: the heartbeats' cost. */
  idle_cpu_percent: number;
  /** RSS at 20 000 streams, from the measured memory per stream (when fewer were held). */
  rss_mb_at_20k_projected: number;
  open_after_phases: number;
  ended_by_server: number;
  phases: SsePhase[];
  load1_connected: number;
}

const percentile = (sorted: number[], p: number): number => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);

/** Calls `send(i)` `rate` times a second for `seconds`, on schedule (catching up after a late tick); returns how many. */
async function paced(rate: number, seconds: number, send: (i: number) => void): Promise<number> {
  const began = Date.now();
  let sent = 0;
  const total = Math.round(rate * seconds);
  while (sent < total) {
    const due = Math.min(total, Math.floor(((Date.now() - began) / 1000) * rate));
    while (sent < due) send(sent++);
    await new Promise((r) => setTimeout(r, 2));
  }
  return sent;
}

/** Phase a: LiveNotificationMessages for one user each straight to herald.realtime, as the relay publishes them. */
async function realtimePhase(infra: TestInfrastructure, users: number, rate: number, seconds: number): Promise<number> {
  const conn = await amqplib.connect(infra.amqpUrl);
  try {
    const ch = await conn.createConfirmChannel();
    const exchange = `${infra.amqpPrefix}${Exchanges.realtime}`;
    const offset = Math.floor(Math.random() * users);
    const sent = await paced(rate, seconds, (i) => {
      const id = randomUUID();
      const body = {
        contract_version: 1,
        tenant_id: TENANT,
        user_ids: [`u_${(offset + i * 7919) % users}`],
        part: 0,
        item: {
          id,
          type: 'content.approved',
          severity: 'medium',
          scope: 'ops',
          title: 'Content approved',
          summary: 'bench live stream',
          content: { content_id: id, bench_sent_at: Date.now() },
          customer_id: null,
          created_at: new Date().toISOString(),
          read: false,
          read_at: null,
          actions: [],
        },
      };
      ch.publish(exchange, `notification.${TENANT}`, Buffer.from(JSON.stringify(body)), {
        persistent: true,
        contentType: 'application/json',
        messageId: `${id}/0`,
        type: 'notification.live',
        headers: { event_id: id, tenant_id: TENANT, request_id: id, attempt: 1, traceparent: '', message_type: 'notification.live' },
      });
    });
    await ch.waitForConfirms();
    return sent;
  } finally {
    await conn.close();
  }
}

/** Phase b: `POST /api/v1/notifications` on the gateway, one user each; returns how many were accepted. */
async function gatewayPhase(infra: TestInfrastructure, gatewayPort: number, users: number, rate: number, seconds: number): Promise<number> {
  const token = benchToken(infra, { tenant_id: TENANT, scope: ['notifications:publish'] });
  let i = Math.floor(Math.random() * users);
  const result = await autocannon({
    url: `http://127.0.0.1:${gatewayPort}/api/v1/notifications`,
    method: 'POST',
    connections: Math.min(64, Math.max(8, Math.ceil(rate / 20))),
    duration: seconds,
    overallRate: rate,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            type: 'content.approved',
            source: 'bench',
            payload: { content_id: randomUUID(), bench_sent_at: Date.now() },
            recipients: { users: [`u_${(i += 7919) % users}`] },
          }),
        }),
      },
    ],
  });
  return result.requests.total - result.non2xx - result.errors;
}

async function measurePhase(
  clients: Clients,
  service: ChildProcess,
  label: SsePhase['path'],
  rate: number,
  seconds: number,
  publish: () => Promise<number>,
): Promise<SsePhase> {
  await clients.reset(Date.now());
  const load1 = loadavg()[0];
  const cpu0 = cpuSeconds(service.pid);
  const sent = await publish();
  const until = Date.now() + DRAIN_SECONDS * 1000;
  let report = await clients.report();
  while (report.received < sent && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    report = await clients.report();
  }
  const cpu = cpuSeconds(service.pid) - cpu0;
  const sorted = report.latencies.sort((a, b) => a - b);
  const phase: SsePhase = {
    path: label,
    rate,
    seconds,
    sent,
    received: report.received,
    p50_ms: percentile(sorted, 50),
    p99_ms: percentile(sorted, 99),
    max_ms: sorted[sorted.length - 1] ?? NaN,
    drained: report.received >= sent,
    cpu_us_per_notification: round((cpu * 1e6) / Math.max(1, report.received)),
    rss_mb_after: round(rssMb(service.pid)),
    load1: round(load1, 2),
  };
  say(
    `4 live stream, ${label} at ${rate}/s for ${seconds} s: ${sent} sent, ${phase.received} received, p50 ${phase.p50_ms} ms, p99 ${phase.p99_ms} ms, max ${phase.max_ms} ms, service CPU ${phase.cpu_us_per_notification} µs/notification${phase.drained ? '' : ` (NOT all within ${DRAIN_SECONDS} s)`}, service RSS ${phase.rss_mb_after} MB (load ${phase.load1})`,
  );
  return phase;
}

export async function liveStreamScenario(infra: TestInfrastructure, servicePort: number, gatewayPort: number, plan: SsePlan): Promise<SseFigures> {
  await sql(infra, `INSERT INTO tenants (id, name, plan) VALUES ($1, $1, 'scale') ON CONFLICT (id) DO NOTHING`, [TENANT]);
  await sql(
    infra,
    `INSERT INTO directory_users (tenant_id, id, email, phone, roles, groups, attributes)
     SELECT $1, 'u_' || i, 'u_' || i || '@example.test', NULL, '{}'::text[], '{}'::text[], '{}'::jsonb FROM generate_series(0, $2::int - 1) AS i
     ON CONFLICT DO NOTHING`,
    [TENANT, plan.connections],
  );
  const service = await startBenchApp('notification-service', infra, servicePort, {}, plan.nodeArgs);
  const apps: ChildProcess[] = [service];
  let clients: Clients | undefined;
  try {
    const pid = service.pid as number;
    const fdLimit = raiseFileLimit(pid);
    const fits = fdLimit - openFds(pid) - FD_HEADROOM;
    const attempted = Math.min(plan.connections, fits);
    if (attempted < plan.connections) {
      say(
        `4 live stream: the service may open ${fdLimit} files (hard limit ${fileLimits(pid).hard}; raising it needs CAP_SYS_RESOURCE or \`ulimit -Hn\` as root before \`npm run bench\`), so it holds ${attempted} streams, not ${plan.connections}; memory at ${plan.connections} is projected from the measured memory per stream`,
      );
    }
    const tokens = Array.from({ length: attempted }, (_, i) => benchToken(infra, { sub: `u_${i}`, tenant_id: TENANT, scope: ['notifications:read'] }));
    const clientCount = Math.max(1, Math.ceil(attempted / STREAMS_PER_CLIENT));
    if (fileLimits('self').soft < Math.ceil(attempted / clientCount) + FD_HEADROOM) throw new Error(`this process's open-files limit ${fileLimits('self').soft} is too low for ${Math.ceil(attempted / clientCount)} streams per client`);
    clients = Clients.start(clientCount);
    await new Promise((r) => setTimeout(r, 2000));
    const rssBefore = rssMb(pid);
    const connected = await clients.connect(servicePort, tokens);
    const open = connected.reduce((n, c) => n + c.open, 0);
    const refused: Record<string, number> = {};
    for (const c of connected) for (const [status, n] of Object.entries(c.refused)) refused[status] = (refused[status] ?? 0) + n;
    const connectSeconds = Math.max(...connected.map((c) => c.seconds));
    // let the connect burst's garbage go before reading memory; meanwhile the streams are idle
    // (heartbeats only), which is what holding them costs in CPU
    const idleCpu0 = cpuSeconds(pid);
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    const idleCpuPercent = ((cpuSeconds(pid) - idleCpu0) * 100) / IDLE_SECONDS;
    const rssConnected = rssMb(pid);
    const kbPer = open > 0 ? ((rssConnected - rssBefore) * 1024) / open : NaN;
    const load1Connected = loadavg()[0];
    say(
      `4 live stream: ${open} of ${attempted} streams open in ${connectSeconds.toFixed(1)} s (refused ${JSON.stringify(refused)}), service RSS ${rssBefore.toFixed(0)} → ${rssConnected.toFixed(0)} MB, ${kbPer.toFixed(1)} KB per stream; idle, the service uses ${idleCpuPercent.toFixed(1)} % of a core (load ${load1Connected.toFixed(2)})`,
    );

    const phases: SsePhase[] = [];
    if (plan.warmup > 0) await realtimePhase(infra, open, plan.rates[0], plan.warmup);
    for (const rate of plan.rates) phases.push(await measurePhase(clients, service, 'realtime', rate, plan.seconds, () => realtimePhase(infra, open, rate, plan.seconds)));
    apps.push(await startGateway(infra, gatewayPort));
    if (plan.warmup > 0) await gatewayPhase(infra, gatewayPort, open, Math.min(50, plan.gatewayRate), plan.warmup);
    await new Promise((r) => setTimeout(r, 3000));
    phases.push(await measurePhase(clients, service, 'gateway', plan.gatewayRate, plan.seconds, () => gatewayPhase(infra, gatewayPort, open, plan.gatewayRate, plan.seconds)));
    const final = await clients.report();
    return {
      target_connections: plan.connections,
      fd_limit: fdLimit,
      attempted,
      connected: open,
      refused,
      connect_seconds: round(connectSeconds, 1),
      rss_mb_before: round(rssBefore),
      rss_mb_connected: round(rssConnected),
      kb_per_connection: round(kbPer, 1),
      idle_cpu_percent: round(idleCpuPercent, 1),
      rss_mb_at_20k_projected: round(rssBefore + (kbPer * 20_000) / 1024),
      open_after_phases: final.open,
      ended_by_server: final.endedByServer,
      phases,
      load1_connected: round(load1Connected, 2),
    };
  } finally {
    clients?.close();
    for (const app of apps.reverse()) await stopApp(app);
  }
}
