// The notification service's processing reports (SPEC §6), in its own event_processing table:
// `processed` with the notification, in its transaction (a redelivery changes nothing);
// `retrying` after a failed attempt and `failed` after the last one, with the error — never
// over a `processed` report.
import { createTestInfrastructure, eventMessage, eventually, seedTenant, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { publishEvent } from './feed-client';

const TENANT = 'tn_reports';

type Report = { status: string; attempts: number; last_error: string | null; notification_id: string | null };

describe('notification-service processing reports', () => {
  let infra: TestInfrastructure;
  let app: TestApp;

  beforeAll(async () => {
    infra = await createTestInfrastructure('ns_reports');
    // one retry, quickly: attempt 1 fails → retrying, attempt 2 fails → failed
    app = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra, { CONSUMER_RETRY_SCHEDULE: '0.3' });
    await seedTenant(app.dataSource, TENANT, [{ id: 'u_ops', roles: ['ops'] }]);
  });

  afterAll(async () => {
    await app?.close();
    await infra?.teardown();
  });

  const reportOf = async (eventId: string): Promise<Report | undefined> =>
    (await app.dataSource.query('SELECT status, attempts, last_error, notification_id FROM event_processing WHERE event_id = $1', [eventId]))[0];

  it('reports processed with the notification, once, also when the event is delivered again', async () => {
    const message = eventMessage({ tenant_id: TENANT, type: 'resource_usage', payload: { resource_type: 'cpu', usage: 1 } });
    await publishEvent(app, message);
    const report = await eventually(async () => reportOf(message.event_id), 10_000, 'the processed report');
    const [{ id }] = await app.dataSource.query('SELECT id FROM notifications WHERE event_id = $1', [message.event_id]);
    expect(report).toEqual({ status: 'processed', attempts: 1, last_error: null, notification_id: id });
    const before: Array<{ updated_at: Date }> = await app.dataSource.query('SELECT updated_at FROM event_processing WHERE event_id = $1', [message.event_id]);
    await publishEvent(app, message);
    await new Promise((r) => setTimeout(r, 500));
    const after: Array<{ updated_at: Date }> = await app.dataSource.query('SELECT updated_at FROM event_processing WHERE event_id = $1', [message.event_id]);
    expect(after[0].updated_at).toEqual(before[0].updated_at);
  });

  it('reports retrying after a failed attempt and failed after the last, with the error', async () => {
    // the table the consumer writes is gone: every attempt fails
    await app.dataSource.query('ALTER TABLE notification_recipients RENAME TO notification_recipients_away');
    try {
      const message = eventMessage({ tenant_id: TENANT, type: 'resource_usage', payload: { resource_type: 'cpu', usage: 2 } });
      await publishEvent(app, message);
      const retrying = await eventually(async () => reportOf(message.event_id), 10_000, 'the retrying report');
      expect(retrying).toMatchObject({ status: 'retrying', attempts: 1, notification_id: null });
      expect(retrying?.last_error).toMatch(/notification_recipients/);
      const failed = await eventually(async () => {
        const report = await reportOf(message.event_id);
        return report?.status === 'failed' ? report : undefined;
      }, 15_000, 'the failed report');
      expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
      const [{ n }] = await app.dataSource.query('SELECT count(*)::int AS n FROM notifications WHERE event_id = $1', [message.event_id]);
      expect(n).toBe(0);
    } finally {
      await app.dataSource.query('ALTER TABLE notification_recipients_away RENAME TO notification_recipients');
    }
  });
});
