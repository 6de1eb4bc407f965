// `npm run bench`: the benchmark harness (issue 21). Starts what it needs on this machine (a
// fresh database and broker prefix, the built apps as their own processes), runs each
// scenario after a warm-up, and writes bench/results/<date>.json, bench/results/latest.json
// and bench/RESULTS.md (figures, the machine's cores and load, the git commit).
// Scenarios: 1 gateway accept (saturation, fixed rates, batch), 2 baselines (naive endpoint,
// multi-row INSERT, bare amqplib confirms) and the ratios to them, 3 end to end to a local
// webhook receiver (bench/e2e.ts), 4 live stream: 20 000 SSE clients on one notification
// service, its memory and publish → client latency (bench/sse.ts), 5 feed query, 6 scenario 3
// with two of every app.
// Usage: npm run bench [-- --quick] [--only gateway,baselines,e2e,sse,feed,replicas2] [--render] [--profile DIR]
//   (--quick: every scenario briefly, a smoke check; --only: those scenarios, no files written;
//   --render: RESULTS.md again from results/latest.json, nothing measured; --profile DIR: a
//   --cpu-prof of the live-stream scenario's notification service, for bench/profile-top)
import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { createTestInfrastructure, TestInfrastructure } from '@herald/platform/testing';
import { runBench, say } from './bench-support';
import { measureBroker } from './broker-raw';
import { E2eFigures, endToEndScenario } from './e2e';
import { liveStreamScenario, SseFigures } from './sse';
import { NAIVE_TABLE } from './pipeline-baselines';
import { BATCH_SIZE, describe, LoadFigures, LoadSpec, measureLoad, round, sql, withServer } from './load';
import { seedFeed } from './feed-data';
import { render, resultsMarkdown } from './results';
import { benchToken, queuesUnder, startBaseline, startBenchApp, startGateway } from './servers';

const { values } = parseArgs({
  strict: false,
  options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, render: { type: 'boolean', default: false }, profile: { type: 'string' } },
});
/** `--only e2e,feed`: run these scenarios, print their figures, write no files (for working on one). */
const ONLY = typeof values.only === 'string' ? new Set(values.only.split(',')) : undefined;
const QUICK = Boolean(values.quick);
const PLAN = QUICK
  ? { warmup: 1, seconds: 4, rates: [1000, 5000], feedRows: 200_000, feedUserRows: 20_000, insertSeconds: 2, brokerMessages: 20_000, e2eRates: [200], e2eSeconds: 5, sse: { connections: 1000, rates: [1000], gatewayRate: 50, seconds: 4, warmup: 1 } }
  : { warmup: 3, seconds: 15, rates: [1000, 2500, 5000], feedRows: 5_000_000, feedUserRows: 100_000, insertSeconds: 10, brokerMessages: 100_000, e2eRates: [100, 250, 500, 1000, 2000, 3000], e2eSeconds: 20, sse: { connections: 20_000, rates: [250, 1000], gatewayRate: 100, seconds: 15, warmup: 3 } };
const GATEWAY_PORT = 3921;
const SERVICE_PORT = 3923;

const EVENT = {
  type: 'revenue_impact',
  source: 'bench',
  timestamp: '2026-11-23T10:00:00Z',
  payload: { impact_amount: 1234.5, impact_type: 'increase', currency: 'USD', summary: 'benchmark event', severity: 'medium', customer_id: 'cus_42' },
};
const EVENT_BODY = JSON.stringify(EVENT);
const BATCH_BODY = JSON.stringify({ events: Array.from({ length: BATCH_SIZE }, () => EVENT) });

/** Scenario 1: the gateway's single route at saturation and fixed rates, and the batch route. */
async function gatewayScenario(infra: TestInfrastructure): Promise<Record<string, unknown>> {
  const token = benchToken(infra, { scope: ['events:publish'] });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const single: LoadSpec = { url: `http://127.0.0.1:${GATEWAY_PORT}/api/v1/internal/events`, method: 'POST', headers, body: EVENT_BODY };
  return withServer(
    () => startGateway(infra, GATEWAY_PORT),
    async (gateway) => {
      const saturation = await measureLoad(gateway, single, PLAN);
      say(describe('1 gateway single, saturation', saturation));
      const fixed: Record<string, LoadFigures> = {};
      for (const rate of PLAN.rates) {
        fixed[rate] = await measureLoad(gateway, { ...single, rate, connections: 256 }, PLAN);
        say(describe(`1 gateway single at ${rate}/s`, fixed[rate]));
      }
      const batch = await measureLoad(gateway, { ...single, url: `${single.url}/batch`, body: BATCH_BODY, connections: 16, eventsPerRequest: BATCH_SIZE }, PLAN);
      say(describe(`1 gateway batch ×${BATCH_SIZE}, saturation`, batch));
      const [{ n: stored }] = await sql<{ n: number }>(infra, 'SELECT count(*)::int AS n FROM events');
      return { single_saturation: saturation, single_fixed_rate: fixed, batch_saturation: batch, events_stored: stored };
    },
  );
}

/** Scenario 2: the naive one-INSERT endpoint, multi-row INSERTs, and bare amqplib confirms. */
async function baselineScenario(infra: TestInfrastructure): Promise<Record<string, unknown>> {
  await sql(infra, `CREATE TABLE IF NOT EXISTS ${NAIVE_TABLE} (LIKE events INCLUDING ALL)`);
  const naive = await withServer(
    () => startBaseline('naive', infra, GATEWAY_PORT),
    (server) => measureLoad(server, { url: `http://127.0.0.1:${GATEWAY_PORT}/naive`, method: 'POST', headers: { 'content-type': 'application/json' }, body: EVENT_BODY }, PLAN),
  );
  say(describe('2 naive Fastify + pg INSERT', naive));
  const insertRowsPerS = await multiRowInsertRate(infra);
  say(`2 multi-row INSERT (1 000 rows a statement, 4 connections): ${insertRowsPerS} rows/s`);
  const broker = await measureBroker(infra, PLAN.brokerMessages);
  say(`2 amqplib confirms into a quorum queue: ${round(broker.messagesPerSecond)} messages/s, broker CPU ${broker.brokerCpuUsPerMessage?.toFixed(0) ?? '?'} µs/message`);
  return { naive, multi_row_insert_rows_per_s: insertRowsPerS, broker_confirmed_msgs_per_s: round(broker.messagesPerSecond), broker_cpu_us_per_msg: broker.brokerCpuUsPerMessage === null ? null : round(broker.brokerCpuUsPerMessage) };
}

/** Rows/s that 4 connections insert into the events-like table, 1 000 rows a statement. */
async function multiRowInsertRate(infra: TestInfrastructure): Promise<number> {
  const deadline = Date.now() + PLAN.insertSeconds * 1000;
  let rows = 0;
  const worker = async () => {
    const db = new Client({ connectionString: infra.databaseUrl });
    await db.connect();
    try {
      while (Date.now() < deadline) {
        await db.query(
          `INSERT INTO ${NAIVE_TABLE} (id, tenant_id, kind, type, source, schema_version, payload, occurred_at, request_id)
           SELECT gen_random_uuid(), 'tn_bench', 'business', 'revenue_impact', 'bench', 1, $1::jsonb, now(), 'bench' FROM generate_series(1, 1000)`,
          [JSON.stringify(EVENT.payload)],
        );
        rows += 1000;
      }
    } finally {
      await db.end();
    }
  };
  const started = Date.now();
  await Promise.all([worker(), worker(), worker(), worker()]);
  return round(rows / ((Date.now() - started) / 1000));
}

/** Scenario 5: one user's feed (first page, and a filtered page) among many users' rows. */
async function feedScenario(infra: TestInfrastructure): Promise<Record<string, unknown>> {
  const started = Date.now();
  await seedFeed(infra, PLAN.feedRows, PLAN.feedUserRows);
  say(`5 feed data: ${PLAN.feedRows} notification rows, ${PLAN.feedUserRows} of them u_big's, in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const token = benchToken(infra, { sub: 'u_big', tenant_id: 'tn_feed', scope: ['notifications:read'] });
  const base = `http://127.0.0.1:${SERVICE_PORT}/api/v1/notifications`;
  return withServer(
    () => startBenchApp('notification-service', infra, SERVICE_PORT),
    async (service) => {
      const headers = { authorization: `Bearer ${token}` };
      const first = await measureLoad(service, { url: `${base}?limit=50`, method: 'GET', headers, connections: 16 }, PLAN);
      say(describe('5 feed first page (limit 50)', first, 'requests'));
      const filtered = await measureLoad(service, { url: `${base}?limit=50&severity=high,critical&status=unread`, method: 'GET', headers, connections: 16 }, PLAN);
      say(describe('5 feed filtered (severity, unread)', filtered, 'requests'));
      return { rows: PLAN.feedRows, user_rows: PLAN.feedUserRows, first_page: first, filtered_page: filtered };
    },
  );
}

function gitCommit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: path.join(__dirname, '..', '..') }).toString().trim();
  } catch {
    return 'unknown';
  }
}

type Scenario = { name: string; run: (infra: TestInfrastructure) => Promise<Record<string, unknown>> };

async function main(): Promise<void> {
  if (values.render) return render();
  const startedAt = new Date();
  const loadStart = loadavg();
  say(`bench — ${QUICK ? 'quick' : 'full'} run, ${PLAN.warmup} s warm-up + ${PLAN.seconds} s per load, cores ${availableParallelism()}, load ${loadStart.map((l) => l.toFixed(2)).join(' ')}, commit ${gitCommit()}`);
  const scenarios: Scenario[] = [
    { name: 'gateway', run: gatewayScenario },
    { name: 'baselines', run: baselineScenario },
    { name: 'e2e', run: async (infra) => ({ phases: await endToEndScenario(infra, 3931, 1, PLAN.e2eRates, PLAN.e2eSeconds) }) },
    { name: 'replicas2', run: async (infra) => ({ phases: await endToEndScenario(infra, 3941, 2, PLAN.e2eRates, PLAN.e2eSeconds) }) },
    {
      name: 'sse',
      run: async (infra) => ({
        ...(await liveStreamScenario(infra, 3951, 3952, {
          ...PLAN.sse,
          nodeArgs: typeof values.profile === 'string' ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(values.profile), '--cpu-prof-name', 'notification-service-sse.cpuprofile'] : [],
        })),
      }),
    },
    // last: seeding millions of rows leaves Postgres writing back for minutes, which would slow whatever ran next
    { name: 'feed', run: feedScenario },
  ];
  const results: Record<string, unknown> = {};
  for (const scenario of scenarios.filter((s) => !ONLY || ONLY.has(s.name))) {
    const infra = await createTestInfrastructure(`bench_${scenario.name}`);
    try {
      results[scenario.name] = await scenario.run(infra);
    } finally {
      // the apps ran as processes of their own: their queues are found on the broker, not tracked
      await infra.teardown(queuesUnder(infra.amqpPrefix));
    }
  }
  if (ONLY) {
    say(`--only ${[...ONLY].join(',')}: no files written`);
    return;
  }
  const gateway = results['gateway'] as { single_saturation: LoadFigures; single_fixed_rate: Record<string, LoadFigures>; batch_saturation: LoadFigures };
  const baselines = results['baselines'] as { naive: LoadFigures; multi_row_insert_rows_per_s: number; broker_confirmed_msgs_per_s: number };
  const feed = results['feed'] as { first_page: LoadFigures };
  const e2e = (results['e2e'] as { phases: E2eFigures[] }).phases;
  const replicas2 = (results['replicas2'] as { phases: E2eFigures[] }).phases;
  const sse = results['sse'] as unknown as SseFigures;
  const sseRealtime = sse.phases.find((p) => p.path === 'realtime' && p.rate === 1000) ?? sse.phases.find((p) => p.path === 'realtime');
  const sseGateway = sse.phases.find((p) => p.path === 'gateway');
  const at1k = e2e.find((f) => f.rate === 1000) ?? e2e[0];
  const sustained = (phases: E2eFigures[]) => Math.max(0, ...phases.filter((f) => f.sustained).map((f) => f.rate));
  const at5k = gateway.single_fixed_rate['5000'];
  const latest = {
    date: startedAt.toISOString(),
    commit: gitCommit(),
    quick: QUICK,
    cores: availableParallelism(),
    load_at_start: loadStart.map((l) => round(l, 2)),
    load_at_end: loadavg().map((l) => round(l, 2)),
    gateway_events_per_s: gateway.single_saturation.events_per_s,
    gateway_batch_events_per_s: gateway.batch_saturation.events_per_s,
    gateway_p99_ms_at_5k: at5k.p99_ms,
    gateway_rate_at_5k: at5k.events_per_s,
    baseline_events_per_s: baselines.naive.events_per_s,
    gateway_vs_baseline: round(gateway.single_saturation.events_per_s / baselines.naive.events_per_s, 2),
    raw_insert_rows_per_s: baselines.multi_row_insert_rows_per_s,
    raw_broker_msgs_per_s: baselines.broker_confirmed_msgs_per_s,
    gateway_batch_vs_raw_broker: round(gateway.batch_saturation.events_per_s / baselines.broker_confirmed_msgs_per_s, 2),
    e2e_p50_ms: at1k?.p50_ms ?? null,
    e2e_p99_ms: at1k?.p99_ms ?? null,
    e2e_rate_for_latency: at1k?.rate ?? null,
    e2e_sustained_events_per_s: sustained(e2e),
    sse_connections: sse.connected,
    sse_rss_mb: sse.rss_mb_connected,
    sse_kb_per_connection: sse.kb_per_connection,
    sse_rss_mb_at_20k_projected: sse.rss_mb_at_20k_projected,
    sse_fd_limit: sse.fd_limit,
    // publish → client through herald.realtime (the live fan-out itself), at sse_rate_for_latency
    sse_p50_ms: sseRealtime?.p50_ms ?? null,
    sse_p99_ms: sseRealtime?.p99_ms ?? null,
    sse_rate_for_latency: sseRealtime?.rate ?? null,
    // the whole real path: gateway POST /notifications → consumer → herald.realtime → client
    sse_gateway_p50_ms: sseGateway?.p50_ms ?? null,
    sse_gateway_p99_ms: sseGateway?.p99_ms ?? null,
    sse_gateway_rate: sseGateway?.rate ?? null,
    sse_gateway_drained: sseGateway?.drained ?? null,
    feed_p50_ms: feed.first_page.p50_ms,
    feed_p99_ms: feed.first_page.p99_ms,
    replicas2_sustained_events_per_s: sustained(replicas2),
    // events accepted that never reached the receiver, over the sustained phases (an unsustained phase may still be draining)
    // (accepted counts 2xx answers autocannon saw; a request cut off at a phase's end may be stored without one, so more can arrive than were counted)
    // null when no phase drained: nothing was counted, so "0 lost" would be a claim the run did not check
    replicas2_lost: replicas2.some((f) => f.sustained)
      ? replicas2.filter((f) => f.sustained).reduce((n, f) => n + Math.max(0, f.accepted - f.distinct_webhook_ids), 0)
      : null,
    replicas2_duplicated: replicas2.reduce((n, f) => n + f.duplicates, 0),
    scenarios: results,
  };
  const dir = path.join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const json = `${JSON.stringify(latest, null, 2)}\n`;
  writeFileSync(path.join(dir, `${stamp}.json`), json);
  writeFileSync(path.join(dir, 'latest.json'), json);
  writeFileSync(path.join(dir, '..', 'RESULTS.md'), resultsMarkdown(latest, gateway, baselines));
  say(`wrote bench/results/${stamp}.json, bench/results/latest.json and bench/RESULTS.md`);
}

runBench(main);
