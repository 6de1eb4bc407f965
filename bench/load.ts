// One load of the benchmark harness (bench/run.ts): autocannon against a server process after
// a warm-up, with the server's CPU time per event and memory, and the line that prints it.
import { ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { TestInfrastructure } from '@herald/platform/testing';
import { stopApp } from '../tools/dev/app-process';
import { cpuSeconds, rssMb } from './servers';

const CONNECTIONS = 64;
/** Events a batch request carries. */
export const BATCH_SIZE = 100;

export interface LoadFigures {
  requests_per_s: number;
  events_per_s: number;
  p50_ms: number;
  p99_ms: number;
  p999_ms: number;
  errors: number;
  non_2xx: number;
  /** The server's CPU time per event, µs. */
  cpu_us_per_event: number;
  server_rss_mb: number;
  load1: number;
}

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections?: number;
  /** A fixed overall rate (requests/s) instead of saturation. */
  rate?: number;
  eventsPerRequest?: number;
}

function autocannonRun(spec: LoadSpec, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: spec.url,
    method: spec.method,
    headers: spec.headers,
    body: spec.body,
    connections: spec.connections ?? CONNECTIONS,
    duration: seconds,
    ...(spec.rate ? { overallRate: spec.rate } : {}),
  });
}

/** One measured load (after a warm-up), with the server's CPU per event and memory. */
export async function measureLoad(server: ChildProcess, spec: LoadSpec, timing: { warmup: number; seconds: number }): Promise<LoadFigures> {
  if (timing.warmup > 0) await autocannonRun(spec, timing.warmup);
  const load1 = loadavg()[0];
  const cpu0 = cpuSeconds(server.pid);
  const r = await autocannonRun(spec, timing.seconds);
  const perRequest = spec.eventsPerRequest ?? 1;
  const ok = r.requests.total - r.non2xx;
  return {
    requests_per_s: round(r.requests.total / r.duration),
    events_per_s: round((ok * perRequest) / r.duration),
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    p999_ms: (r.latency as unknown as Record<string, number>)['p99_9'] ?? r.latency.max,
    errors: r.errors,
    non_2xx: r.non2xx,
    cpu_us_per_event: round(((cpuSeconds(server.pid) - cpu0) * 1e6) / Math.max(1, ok * perRequest)),
    server_rss_mb: round(rssMb(server.pid)),
    load1: round(load1, 2),
  };
}

export function describe(label: string, f: LoadFigures, unit: 'events' | 'requests' = 'events'): string {
  const rate = unit === 'events' ? `${String(f.events_per_s).padStart(6)} events/s` : `${String(f.requests_per_s).padStart(6)} req/s`;
  return `${label.padEnd(34)} ${rate}  p50 ${f.p50_ms} ms  p99 ${f.p99_ms} ms  p99.9 ${f.p999_ms} ms  ${f.cpu_us_per_event} µs CPU/${unit === 'events' ? 'event' : 'req'}  RSS ${f.server_rss_mb} MB  errors ${f.errors}  non-2xx ${f.non_2xx}  (load ${f.load1})`;
}

export const round = (n: number, digits = 0): number => Number(n.toFixed(digits));

export async function withServer<T>(start: () => Promise<ChildProcess>, work: (server: ChildProcess) => Promise<T>): Promise<T> {
  const server = await start();
  try {
    return await work(server);
  } finally {
    await stopApp(server);
  }
}

export async function sql<T = Record<string, unknown>>(infra: TestInfrastructure, text: string, params: unknown[] = []): Promise<T[]> {
  const db = new Client({ connectionString: infra.databaseUrl });
  await db.connect();
  try {
    return (await db.query(text, params)).rows as T[];
  } finally {
    await db.end();
  }
}

