// Scenario 3 of `npm run bench`: end to end. Events published to the gateway at a steady rate
// reach a local receiver through the whole pipeline — gateway (outbox) → herald.events →
// notification service (notification + delivery job in its outbox) → herald.deliveries →
// delivery worker → a signed POST. The receiver verifies every signature with the
// `standardwebhooks` library and measures publish → receive latency from a timestamp the
// publisher puts in each payload; a phase is sustained when every event arrives within
// DRAIN_SECONDS of the phase's end (the backlog did not grow).
import { randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { Webhook } from 'standardwebhooks';
import { DataSource } from 'typeorm';
import { HeraldConfig } from '@herald/platform/config';
import { seedTenant, seedWebhookSubscription, TestInfrastructure } from '@herald/platform/testing';
import { stopApp } from '../tools/dev/app-process';
import { say } from './bench-support';
import { benchToken, startBenchApp, startGateway } from './servers';

const DRAIN_SECONDS = 10;

export interface E2eFigures {
  replicas: number;
  rate: number;
  seconds: number;
  accepted: number;
  received: number;
  distinct_webhook_ids: number;
  duplicates: number;
  bad_signatures: number;
  p50_ms: number;
  p99_ms: number;
  sustained: boolean;
}

interface Receiver {
  url: string;
  /** Events of other phases (the warm-up's or an earlier phase's stragglers) are not counted. */
  phase: string;
  latencies: number[];
  ids: Set<string>;
  received: number;
  badSignatures: number;
  reset(): void;
  close(): Promise<void>;
}

function startReceiver(secret: string): Promise<Receiver> {
  const verifier = new Webhook(secret);
  const state = { phase: '', latencies: [] as number[], ids: new Set<string>(), received: 0, badSignatures: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const arrived = Date.now();
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const event = verifier.verify(body, req.headers as Record<string, string>) as { data: { bench_sent_at?: number; bench_phase?: string } };
        if (event.data.bench_phase === state.phase) {
          state.received++;
          state.ids.add(String(req.headers['webhook-id']));
          if (typeof event.data.bench_sent_at === 'number') state.latencies.push(arrived - event.data.bench_sent_at);
        }
        res.writeHead(204).end();
      } catch {
        state.badSignatures++;
        res.writeHead(400).end();
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/herald`,
        get phase() {
          return state.phase;
        },
        set phase(value: string) {
          state.phase = value;
        },
        get latencies() {
          return state.latencies;
        },
        get ids() {
          return state.ids;
        },
        get received() {
          return state.received;
        },
        get badSignatures() {
          return state.badSignatures;
        },
        reset: () => {
          state.phase = '';
          state.latencies = [];
          state.ids = new Set();
          state.received = 0;
          state.badSignatures = 0;
        },
        close: () => new Promise<void>((r) => server.close(() => r())),
      } as Receiver);
    }),
  );
}

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** Publishes at `rate` events/s for `seconds`, each payload stamped with its phase and send time; returns how many were accepted. */
async function publishAt(url: string, token: string, rate: number, seconds: number, phase: string): Promise<number> {
  const base = {
    type: 'resource_usage',
    source: 'bench',
    timestamp: '2026-11-25T10:00:00Z',
    payload: { resource_type: 'cpu', usage: 42, summary: 'bench end to end' },
  };
  const result = await autocannon({
    url,
    method: 'POST',
    connections: Math.min(256, Math.max(16, Math.ceil(rate / 20))),
    duration: seconds,
    overallRate: rate,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ ...base, payload: { ...base.payload, bench_phase: phase, bench_sent_at: Date.now() } }) }),
      },
    ],
  });
  return result.requests.total - result.non2xx - result.errors;
}

/**
 * Runs `replicas` of each of the stack's three apps (ports from `firstPort` on) and one phase
 * per rate, split evenly over the gateways; stops at the first rate that is not sustained.
 */
export async function endToEndScenario(infra: TestInfrastructure, firstPort: number, replicas: number, rates: number[], seconds: number): Promise<E2eFigures[]> {
  const secretsKey = randomBytes(32).toString('base64');
  const env = { WEBHOOK_SECRETS_KEY: secretsKey, WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true', DELIVERY_POLL_INTERVAL_MS: '100' };
  const apps: ChildProcess[] = [];
  const dataSource = new DataSource({ type: 'postgres', url: infra.databaseUrl });
  await dataSource.initialize();
  let receiver: Receiver | undefined;
  try {
    const gateways: number[] = [];
    for (let r = 0; r < replicas; r++) {
      const port = firstPort + 3 * r;
      apps.push(await startGateway(infra, port));
      apps.push(await startBenchApp('notification-service', infra, port + 1, env));
      apps.push(await startBenchApp('delivery-worker', infra, port + 2, env));
      gateways.push(port);
    }
    await seedTenant(dataSource, 'tn_bench', [{ id: 'u_ops', roles: ['ops'] }]);
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    receiver = await startReceiver(secret);
    await seedWebhookSubscription(dataSource, { webhookSecretsKey: Buffer.from(secretsKey, 'base64') } as Pick<HeraldConfig, 'webhookSecretsKey'>, 'tn_bench', {
      url: receiver.url,
      secret,
      eventTypes: ['resource_usage'],
    });
    const token = benchToken(infra, { scope: ['events:publish'] });
    const urls = gateways.map((port) => `http://127.0.0.1:${port}/api/v1/internal/events`);
    const publishAll = async (rate: number, phaseSeconds: number, phase: string) => {
      (receiver as Receiver).phase = phase;
      return (await Promise.all(urls.map((url) => publishAt(url, token, rate / urls.length, phaseSeconds, phase)))).reduce((a, b) => a + b, 0);
    };
    // warm-up of every app on the path, drained before the first phase
    const warm = await publishAll(50, 4, 'warm-up');
    await waitUntil(() => receiver?.received ?? 0, warm, 3 * DRAIN_SECONDS);
    const figures: E2eFigures[] = [];
    for (const rate of rates) {
      receiver.reset();
      const accepted = await publishAll(rate, seconds, `phase-${rate}`);
      const drained = await waitUntil(() => receiver?.received ?? 0, accepted, DRAIN_SECONDS);
      const f: E2eFigures = {
        replicas,
        rate,
        seconds,
        accepted,
        received: receiver.received,
        distinct_webhook_ids: receiver.ids.size,
        duplicates: receiver.received - receiver.ids.size,
        bad_signatures: receiver.badSignatures,
        p50_ms: percentile(receiver.latencies, 50),
        p99_ms: percentile(receiver.latencies, 99),
        sustained: drained,
      };
      figures.push(f);
      say(
        `${replicas > 1 ? `6 two of everything (${replicas} replicas each)` : '3 end to end'} at ${rate}/s for ${seconds} s: ${accepted} accepted, ${f.received} received (${f.duplicates} duplicates, ${f.bad_signatures} bad signatures), p50 ${f.p50_ms} ms, p99 ${f.p99_ms} ms, ${drained ? 'sustained' : `NOT drained within ${DRAIN_SECONDS} s`}`,
      );
      if (!drained) break;
    }
    return figures;
  } finally {
    await receiver?.close();
    for (const app of apps.reverse()) await stopApp(app);
    await dataSource.destroy();
  }
}

/** Waits until count() reaches `target` or `seconds` pass; true when it did. */
async function waitUntil(count: () => number, target: number, seconds: number): Promise<boolean> {
  const until = Date.now() + seconds * 1000;
  while (count() < target) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}
