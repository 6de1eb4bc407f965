// What `npm run bench` writes: bench/RESULTS.md, a readable table of the figures in
// bench/results/latest.json against the issue's targets; `--render` rewrites it from that file.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { say } from './bench-support';
import { BATCH_SIZE, LoadFigures } from './load';

/** `--render`: rewrites bench/RESULTS.md from bench/results/latest.json (after a change to the table's wording). */
export function render(): void {
  const dir = path.join(__dirname, '..', '..', 'bench', 'results');
  const latest = JSON.parse(readFileSync(path.join(dir, 'latest.json'), 'utf8')) as Record<string, unknown> & {
    scenarios: { gateway: Parameters<typeof resultsMarkdown>[1]; baselines: Parameters<typeof resultsMarkdown>[2] };
  };
  writeFileSync(path.join(dir, '..', 'RESULTS.md'), resultsMarkdown(latest, latest.scenarios.gateway, latest.scenarios.baselines));
  say('wrote bench/RESULTS.md from bench/results/latest.json');
}

export function resultsMarkdown(
  latest: Record<string, unknown>,
  gateway: { single_saturation: LoadFigures; single_fixed_rate: Record<string, LoadFigures>; batch_saturation: LoadFigures },
  baselines: { naive: LoadFigures },
): string {
  const row = (label: string, f: LoadFigures) => `| ${label} | ${f.events_per_s} | ${f.p50_ms} | ${f.p99_ms} | ${f.p999_ms} | ${f.cpu_us_per_event} | ${f.server_rss_mb} | ${f.errors} / ${f.non_2xx} | ${f.load1} |`;
  const target = (name: string, value: unknown, wanted: string, met: boolean | null) => `| ${name} | ${value ?? 'not run'} | ${wanted} | ${met === null ? '—' : met ? 'met' : 'missed'} |`;
  const n = (key: string) => latest[key] as number | null;
  return `# Benchmark results

Written by \`npm run bench${latest['quick'] ? ' -- --quick' : ''}\` on ${latest['date']} at commit \`${latest['commit']}\`;
${latest['cores']} cores, load average ${(latest['load_at_start'] as number[]).join(' ')} at start and
${(latest['load_at_end'] as number[]).join(' ')} at end (Postgres, RabbitMQ, the apps and the load generator share the machine).
Raw figures: \`bench/results/latest.json\`.

## Loads

| load | events/s | p50 ms | p99 ms | p99.9 ms | server CPU µs/event | server RSS MB | errors / non-2xx | load (1 min) |
|---|---|---|---|---|---|---|---|---|
${row('gateway single, saturation', gateway.single_saturation)}
${Object.entries(gateway.single_fixed_rate)
  .map(([rate, f]) => row(`gateway single at ${rate}/s`, f))
  .join('\n')}
${row(`gateway batch ×${BATCH_SIZE}, saturation`, gateway.batch_saturation)}
${row('naive Fastify + pg INSERT', baselines.naive)}

Raw limits of this box: ${n('raw_insert_rows_per_s')} rows/s through multi-row INSERTs; ${n('raw_broker_msgs_per_s')} confirmed persistent messages/s into a quorum queue.

## Targets (issue 21)

| figure | value | target | |
|---|---|---|---|
${target('gateway single events/s', n('gateway_events_per_s'), '≥ 10 000', (n('gateway_events_per_s') ?? 0) >= 10_000)}
${target('gateway batch events/s', n('gateway_batch_events_per_s'), '≥ 30 000', (n('gateway_batch_events_per_s') ?? 0) >= 30_000)}
${target('gateway p99 at 5 000/s (ms)', n('gateway_p99_ms_at_5k'), '≤ 25', (n('gateway_p99_ms_at_5k') ?? Infinity) <= 25)}
${target('gateway / naive baseline', n('gateway_vs_baseline'), '≥ 2', (n('gateway_vs_baseline') ?? 0) >= 2)}
${target(`end to end p50 / p99 (ms), measured at ${n('e2e_rate_for_latency')}/s`, `${n('e2e_p50_ms')} / ${n('e2e_p99_ms')}`, '≤ 15 / ≤ 60 at 1 000/s', n('e2e_rate_for_latency') === 1000 && (n('e2e_p50_ms') ?? Infinity) <= 15 && (n('e2e_p99_ms') ?? Infinity) <= 60)}
${target('end to end sustained events/s', n('e2e_sustained_events_per_s'), '≥ 3 000', (n('e2e_sustained_events_per_s') ?? 0) >= 3000)}
${target('live streams in one process, RSS MB (KB per stream)', `${n('sse_connections')}, ${n('sse_rss_mb')} (${n('sse_kb_per_connection')}; ${n('sse_rss_mb_at_20k_projected')} MB projected at 20 000)`, '20 000 under 1 024 MB', (n('sse_connections') ?? null) === null ? null : (n('sse_connections') ?? 0) >= 20_000 && (n('sse_rss_mb') ?? Infinity) < 1024)}
${target(`live stream p50 / p99 publish → client (ms), herald.realtime at ${n('sse_rate_for_latency')}/s`, `${n('sse_p50_ms')} / ${n('sse_p99_ms')}`, 'p99 ≤ 50 at 1 000/s', (n('sse_p99_ms') ?? null) === null ? null : n('sse_rate_for_latency') === 1000 && (n('sse_p99_ms') ?? Infinity) <= 50)}
${target('feed p99 (ms)', n('feed_p99_ms'), '≤ 20', (n('feed_p99_ms') ?? Infinity) <= 20)}
${target('two of everything: sustained events/s, lost, duplicated', `${n('replicas2_sustained_events_per_s')}, ${n('replicas2_lost') ?? 'not counted (no rate drained)'}, ${n('replicas2_duplicated')}`, 'lost 0, duplicated 0 (at a drained rate)', n('replicas2_lost') === 0 && n('replicas2_duplicated') === 0)}

End to end: events published to the gateway at a fixed rate, through the notification service's
fan-out and the delivery worker, to a local receiver that verifies every signature; a rate is
sustained when everything arrives within 10 s of the phase's end. Why the gateway targets are
out of reach on this box is measured in docs/decisions.md ("Gateway targets of issue 16").

Live stream: ${n('sse_connections')} streams (one user each) held by one notification service
whose open-files limit is ${n('sse_fd_limit')} (the hard limit of this box: 20 000 streams need
a little more; ${n('sse_rss_mb_at_20k_projected')} MB projected at 20 000 from the memory
per stream). Latency is publish → client: \`herald.realtime\` carries what the notification
consumer's outbox publishes, so that figure is the live fan-out's own; through the whole path
(gateway \`POST /notifications\` → consumer → herald.realtime → stream) at
${n('sse_gateway_rate')}/s it was p50 ${n('sse_gateway_p50_ms')} ms, p99 ${n('sse_gateway_p99_ms')} ms${latest['sse_gateway_drained'] === false ? ' (not all delivered within 10 s: the consumer did not keep up)' : ''}.
See docs/live-stream-performance.md.
`;
}
