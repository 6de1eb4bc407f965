// Benchmark of the event store alone (no HTTP): appends events through the OutboxWriter
// with many concurrent callers, as the gateway's requests do, and waits until the relay
// has published all of them with confirms. Shows what group commit + pipelined publishing
// sustain on this machine, separately from the HTTP pipeline's cost.
// Usage: npm run bench:outbox -- [--events 50000] [--concurrency 500]
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { parseTenantId } from '@herald/contracts';
import { ConfigModule, loadConfig } from '@herald/platform/config';
import { MessagingModule } from '@herald/platform/messaging';
import { Metrics, ObservabilityModule } from '@herald/platform/observability';
import { OutboxModule } from '@herald/platform/outbox';
import { PersistenceModule } from '@herald/platform/persistence';
import { EventStoreModule, OutboxWriter } from '@herald/event-store';
import { createBenchEnvironment, groupCommitFigures, runBench, say } from './bench-support';

const { values } = parseArgs({ options: { events: { type: 'string', default: '50000' }, concurrency: { type: 'string', default: '500' } } });
const TOTAL = Number(values.events);
const CONCURRENCY = Number(values.concurrency);

async function main(): Promise<void> {
  const bench = await createBenchEnvironment('bench_outbox');
  const config = loadConfig({ appName: 'bench-outbox', port: 0 }, { ...bench.infra.env, LOG_LEVEL: 'warn' });

  @Module({ imports: [ConfigModule.forRoot(config), ObservabilityModule.forRoot(), PersistenceModule, MessagingModule, OutboxModule, EventStoreModule] })
  class BenchModule {}
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: false });
  await app.init();
  const writer = app.get(OutboxWriter);
  const db = app.get(DataSource);
  try {
    const payload = { impact_amount: 1234.5, impact_type: 'increase', currency: 'USD', summary: 'benchmark event' };
    let next = 0;
    const load0 = loadavg()[0];
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < TOTAL) {
          next++;
          await writer.append({
            id: randomUUID(),
            tenantId: parseTenantId('tn_bench'),
            kind: 'business',
            type: 'revenue_impact',
            source: 'bench',
            schemaVersion: 1,
            payload,
            recipients: null,
            customerId: null,
            occurredAt: new Date(),
            receivedAt: new Date(),
            requestId: randomUUID(),
            traceparent: '',
          });
        }
      }),
    );
    const committedAt = Date.now();
    let published = 0;
    for (let i = 0; i < 1200 && published < TOTAL; i++) {
      published = await bench.published();
      if (published < TOTAL) await new Promise((r) => setTimeout(r, 50));
    }
    const publishedAt = Date.now();
    // the relay deletes confirmed rows in batches a few ms after their confirms
    let left = -1;
    for (let i = 0; i < 100 && left !== 0; i++) {
      [{ left }] = await db.query('SELECT count(*)::int AS left FROM outbox');
      if (left !== 0) await new Promise((r) => setTimeout(r, 50));
    }
    const commits = groupCommitFigures(await app.get(Metrics).registry.getSingleMetricAsString('herald_outbox_flush_rows'));
    say(`committed ${TOTAL} events in ${((committedAt - started) / 1000).toFixed(2)} s = ${Math.round(TOTAL / ((committedAt - started) / 1000))} events/s (${commits.transactions} transactions, ${commits.perTransaction.toFixed(0)} events each)`);
    say(`published ${published} with confirms by ${((publishedAt - started) / 1000).toFixed(2)} s = ${Math.round(published / ((publishedAt - started) / 1000))} events/s end to end; outbox rows left: ${left} (${Date.now() - publishedAt} ms after the last confirm)`);
    say(`load average (1 min): ${load0.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after; cores: 2`);
  } finally {
    await app.close();
    await bench.close();
  }
}

runBench(main);
