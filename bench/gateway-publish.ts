// Benchmark: POST /api/v1/internal/events against a real gateway process (built dist/),
// with N keep-alive connections for a fixed time, then waits until the relay has published
// every accepted event (outbox empty, messages counted in a queue bound to herald.events).
// Prints accepted events/s, latency percentiles, relay drain time and the machine's load.
// Usage: npm run bench:gateway -- [--seconds 10] [--connections 64] [--replicas 1]
import 'reflect-metadata';
import http from 'node:http';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { signDevToken } from '@herald/platform/auth';
import { loadConfig } from '@herald/platform/config';
import { createDataSource } from '@herald/platform/persistence';
import { spawnBuiltApp, stopApp, waitReady } from '../tools/dev/app-process';
import { createBenchEnvironment, groupCommitFigures, runBench, say } from './bench-support';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '64' },
    replicas: { type: 'string', default: '1' },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const REPLICAS = Number(values.replicas);
const BASE_PORT = 3901;


function post(agent: http.Agent, port: number, body: string, token: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, path: '/api/v1/internal/events', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

async function main(): Promise<void> {
  const bench = await createBenchEnvironment('bench');
  const infra = bench.infra;
  const config = loadConfig({ appName: 'bench', port: 0 }, infra.env);
  // the bench's one principal sends far more than a producer's hourly quota
  const env = { ...infra.env, LOG_LEVEL: 'warn', NODE_ENV: 'production', JWT_SECRET: config.jwt.secret, RATE_LIMIT_PER_PRINCIPAL_PER_HOUR: '100000000' };
  const ports = Array.from({ length: REPLICAS }, (_, i) => BASE_PORT + i);
  const nodeArgs = process.env['BENCH_NODE_ARGS']?.split(' ').filter(Boolean);
  const gateways = ports.map((port) => spawnBuiltApp('ingestion-gateway', port, { env: { ...process.env, ...env }, nodeArgs }));
  try {
    await Promise.all(ports.map((port, i) => waitReady(port, gateways[i])));
    const token = signDevToken(config, { sub: 'bench', tenant_id: 'tn_bench', scope: ['events:publish'] });
    const body = JSON.stringify({
      type: 'revenue_impact',
      source: 'bench',
      timestamp: new Date().toISOString(),
      payload: { impact_amount: 1234.5, impact_type: 'increase', currency: 'USD', summary: 'benchmark event', severity: 'medium' },
    });
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const load0 = loadavg()[0];
    say(`bench: ${SECONDS} s, ${CONNECTIONS} connections, ${REPLICAS} gateway process(es), payload ${Buffer.byteLength(body)} B`);
    const started = Date.now();
    const deadline = started + SECONDS * 1000;
    let sent = 0;
    const progress = setInterval(() => say(`  … ${latencies.length} responses`), 2000);
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, c) => {
        while (Date.now() < deadline) {
          const t = process.hrtime.bigint();
          const status = await post(agent, ports[(sent++ + c) % ports.length], body, token);
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
    clearInterval(progress);
    const elapsed = (Date.now() - started) / 1000;
    const metrics = await (await fetch(`http://127.0.0.1:${ports[0]}/metrics`)).text();
    const commits = groupCommitFigures(metrics);
    const accepted = statuses.get(202) ?? 0;
    const load1 = loadavg()[0];

    const relayStart = Date.now();
    const db = await createDataSource({ databaseUrl: infra.databaseUrl, databasePoolSize: 1, appName: 'bench' }).initialize();
    let published = 0;
    for (let i = 0; i < 600; i++) {
      const [{ left }] = await db.query('SELECT count(*)::int AS left FROM outbox');
      published = await bench.published();
      if (left === 0 && published >= accepted) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const [{ stored }] = await db.query('SELECT count(*)::int AS stored FROM events');
    await db.destroy();
    latencies.sort((a, b) => a - b);
    say(`accepted: ${accepted} in ${elapsed.toFixed(1)} s = ${Math.round(accepted / elapsed)} events/s`);
    say(`statuses: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')}`);
    say(`latency ms: p50 ${percentile(latencies, 50).toFixed(1)}  p95 ${percentile(latencies, 95).toFixed(1)}  p99 ${percentile(latencies, 99).toFixed(1)}  max ${latencies[latencies.length - 1]?.toFixed(1)}`);
    say(`stored events: ${stored}; published to herald.events: ${published}; relay finished ${((Date.now() - relayStart) / 1000).toFixed(1)} s after the load stopped`);
    say(`outbox group commit (replica 1): ${commits.transactions} transactions, ${commits.perTransaction.toFixed(1)} events per transaction`);
    say(`load average (1 min): ${load0.toFixed(2)} before, ${load1.toFixed(2)} after; cores: 2`);
    agent.destroy();
  } finally {
    await Promise.all(gateways.map(stopApp));
    await bench.close();
  }
}

runBench(main);
