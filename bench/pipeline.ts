// Benchmark of the per-request pipeline: one load generator (autocannon, keep-alive) against
// four targets, each in its own process and started alone, in the order a c b d so that
// each ratio compares neighbours: (a) a bare Fastify route that
// parses a JSON body, (b) a naive Fastify + pg endpoint doing one durable INSERT per
// request, (c) the built gateway's GET /health/live, (d) its POST /internal/events (single
// event, JWT, durable through the outbox), (e) its batch route with 100 events a request
// (events/s = req/s × 100). Prints each figure, the ratios health/bare and
// events/naive against the issue's targets, the load average and the core count.
// On a shared machine, --rounds N measures every target N times in turn and reports medians
// (ratios: the median of each round's own ratio), so a burst of other work skews less; and
// each server's CPU time per request (from /proc) is printed, which other work barely moves.
// Usage: npm run bench:pipeline -- [--seconds 10] [--warmup 3] [--connections 64] [--rounds 1]
//          [--targets bare,naive,health,events,batch] [--profile DIR]  (--cpu-prof of each server)
import 'reflect-metadata';
import { ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { createTestInfrastructure, TestInfrastructure } from '@herald/platform/testing';
import { stopApp } from '../tools/dev/app-process';
import { runBench, say } from './bench-support';
import { NAIVE_TABLE } from './pipeline-baselines';
import { benchToken, cpuSeconds, startBaseline, startGateway } from './servers';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '64' },
    rounds: { type: 'string', default: '1' },
    targets: { type: 'string', default: 'bare,naive,health,events,batch' },
    profile: { type: 'string' },
  },
});
const SECONDS = Number(values.seconds);
const WARMUP = Number(values.warmup);
const CONNECTIONS = Number(values.connections);
const ROUNDS = Number(values.rounds);
const PORT = 3911;
const TARGET_RATIOS = { healthOverBare: 0.6, eventsOverNaive: 2 };

const EVENT = {
  type: 'revenue_impact',
  source: 'bench',
  timestamp: '2026-11-23T10:00:00Z',
  payload: { impact_amount: 1234.5, impact_type: 'increase', currency: 'USD', summary: 'benchmark event', severity: 'medium' },
};
const EVENT_BODY = JSON.stringify(EVENT);
const BATCH_SIZE = 100;
const BATCH_BODY = JSON.stringify({ events: Array.from({ length: BATCH_SIZE }, () => EVENT) });

interface Target {
  name: string;
  label: string;
  /** Events each request carries (the batch route: 100). */
  eventsPerRequest?: number;
  start(infra: TestInfrastructure, nodeArgs: string[]): Promise<ChildProcess>;
  request: { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };
}

interface Figure {
  target: Target;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  load1: number;
  /** The server process's CPU time (user + system) per answered request, µs. */
  cpuPerRequest: number;
}

function targets(infra: TestInfrastructure): Target[] {
  const json = { 'content-type': 'application/json' };
  const token = benchToken(infra, { scope: ['events:publish'] });
  return [
    { name: 'bare', label: '(a) bare Fastify, POST JSON', start: (i, a) => startBaseline('bare', i, PORT, a), request: { method: 'POST', path: '/bare', headers: json, body: EVENT_BODY } },
    { name: 'health', label: '(c) gateway GET /health/live', start: (i, a) => startGateway(i, PORT, a), request: { method: 'GET', path: '/api/v1/health/live' } },
    { name: 'naive', label: '(b) naive Fastify + pg INSERT', start: (i, a) => startBaseline('naive', i, PORT, a), request: { method: 'POST', path: '/naive', headers: json, body: EVENT_BODY } },
    {
      name: 'events',
      label: '(d) gateway POST /internal/events',
      start: (i, a) => startGateway(i, PORT, a),
      request: { method: 'POST', path: '/api/v1/internal/events', headers: { ...json, authorization: `Bearer ${token}` }, body: EVENT_BODY },
    },
    {
      name: 'batch',
      label: `(e) gateway POST /events/batch ×${BATCH_SIZE}`,
      eventsPerRequest: BATCH_SIZE,
      start: (i, a) => startGateway(i, PORT, a),
      request: { method: 'POST', path: '/api/v1/internal/events/batch', headers: { ...json, authorization: `Bearer ${token}` }, body: BATCH_BODY },
    },
  ];
}

function load(target: Target, seconds: number): Promise<autocannon.Result> {
  const { path: route, method, headers, body } = target.request;
  return autocannon({ url: `http://127.0.0.1:${PORT}${route}`, connections: CONNECTIONS, duration: seconds, method, headers, body });
}

async function measure(target: Target, infra: TestInfrastructure, round: number): Promise<Figure> {
  const profile = `${target.name}${ROUNDS > 1 ? `-${round}` : ''}.cpuprofile`;
  const nodeArgs = values.profile ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(values.profile), '--cpu-prof-name', profile] : [];
  const server = await target.start(infra, nodeArgs);
  try {
    if (WARMUP > 0) await load(target, WARMUP);
    const load1 = loadavg()[0];
    const cpu0 = cpuSeconds(server.pid);
    const r = await load(target, SECONDS);
    const cpuPerRequest = ((cpuSeconds(server.pid) - cpu0) * 1e6) / r.requests.total;
    return { target, rps: r.requests.total / r.duration, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx, load1, cpuPerRequest };
  } finally {
    await stopApp(server);
  }
}

async function storedRows(infra: TestInfrastructure, table: string): Promise<number> {
  const db = new Client({ connectionString: infra.databaseUrl });
  await db.connect();
  try {
    const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows;
    return n;
  } finally {
    await db.end();
  }
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function describe(f: Figure): string {
  const rps = Math.round(f.rps).toString().padStart(6);
  const cpu = `${Math.round(f.cpuPerRequest).toString().padStart(4)} µs CPU/req`;
  const perEvent = f.target.eventsPerRequest ? ` = ${Math.round(f.rps * f.target.eventsPerRequest)} events/s` : '';
  return `${f.target.label.padEnd(36)} ${rps} req/s${perEvent}  p50 ${f.p50.toFixed(1).padStart(5)} ms  p99 ${f.p99.toFixed(1).padStart(6)} ms  ${cpu}  errors ${f.errors}  non-2xx ${f.non2xx}  (load ${f.load1.toFixed(2)})`;
}

function summary(figures: Figure[]): Figure {
  const pick = (key: 'rps' | 'p50' | 'p99' | 'load1' | 'cpuPerRequest') => median(figures.map((f) => f[key]));
  const sum = (key: 'errors' | 'non2xx') => figures.reduce((n, f) => n + f[key], 0);
  return { target: figures[0].target, rps: pick('rps'), p50: pick('p50'), p99: pick('p99'), load1: pick('load1'), cpuPerRequest: pick('cpuPerRequest'), errors: sum('errors'), non2xx: sum('non2xx') };
}

function ratio(rounds: Figure[][], over: string, under: string, wanted: number): string {
  const values = rounds.flatMap((round) => {
    const a = round.find((f) => f.target.name === over);
    const b = round.find((f) => f.target.name === under);
    return a && b ? [a.rps / b.rps] : [];
  });
  if (values.length === 0) return `${over}/${under}: not measured`;
  const value = median(values);
  const each = values.length > 1 ? ` [rounds: ${values.map((v) => v.toFixed(2)).join(' ')}]` : '';
  return `${over}/${under}: ${value.toFixed(2)}${each} (target ≥ ${wanted}: ${value >= wanted ? 'met' : 'NOT met'})`;
}

async function main(): Promise<void> {
  const infra = await createTestInfrastructure('bench_pipeline');
  const startLoad = loadavg();
  try {
    const db = new Client({ connectionString: infra.databaseUrl });
    await db.connect();
    await db.query(`CREATE TABLE ${NAIVE_TABLE} (LIKE events INCLUDING ALL)`);
    await db.end();
    const wanted = new Set(values.targets?.split(','));
    say(`bench:pipeline — autocannon, ${CONNECTIONS} keep-alive connections, ${WARMUP} s warm-up + ${SECONDS} s per target, ${ROUNDS} round(s), body ${Buffer.byteLength(EVENT_BODY)} B`);
    say(`load average at start: ${startLoad.map((l) => l.toFixed(2)).join(' ')}; cores: ${availableParallelism()}`);
    const chosen = targets(infra).filter((t) => wanted.has(t.name));
    const rounds: Figure[][] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      if (ROUNDS > 1) say(`round ${round}:`);
      const figures: Figure[] = [];
      for (const target of chosen) {
        figures.push(await measure(target, infra, round));
        say(describe(figures[figures.length - 1]));
      }
      rounds.push(figures);
    }
    if (ROUNDS > 1) {
      say(`median of ${ROUNDS} rounds:`);
      chosen.forEach((t) => say(describe(summary(rounds.map((r) => r.find((f) => f.target.name === t.name) as Figure)))));
    }
    if (wanted.has('naive')) say(`rows stored: ${NAIVE_TABLE} ${await storedRows(infra, NAIVE_TABLE)}${wanted.has('events') ? `, events ${await storedRows(infra, 'events')}` : ''}`);
    say(ratio(rounds, 'health', 'bare', TARGET_RATIOS.healthOverBare));
    say(ratio(rounds, 'events', 'naive', TARGET_RATIOS.eventsOverNaive));
    say(`load average: ${startLoad.map((l) => l.toFixed(2)).join(' ')} at start, ${loadavg().map((l) => l.toFixed(2)).join(' ')} at end (1/5/15 min); cores: ${availableParallelism()}`);
  } finally {
    await infra.teardown();
  }
}

runBench(main);
