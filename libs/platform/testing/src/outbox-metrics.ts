// Reads the outbox writer's metrics of an app under test: how many grouped transactions it
// committed (the herald_outbox_flush_rows histogram's count), so a test can prove grouping.
import { Metrics } from '@herald/platform/observability';
import { TestApp } from './test-app';

export async function outboxFlushCount(app: TestApp): Promise<number> {
  const metric = await app.app.get(Metrics).outboxFlushRows.get();
  return metric.values.find((v) => v.metricName === 'herald_outbox_flush_rows_count')?.value ?? 0;
}
