// The sms channel end to end: jobs for a phone number are POSTed to the operator's SMS
// provider (SMS_PROVIDER_URL, here a local receiver) as {to, message, reference}, with the
// delivery id as Idempotency-Key on every retry, under the same retry rules as webhooks.
import { smsJob, startWebhookReceiver, WebhookReceiver } from '@herald/platform/testing';
import { DeliverySuite, publishJob, readAttempts, settled, startDeliverySuite } from './delivery-client';

const TENANT = 'tn_sms';

describe('delivery-worker: sms', () => {
  let provider: WebhookReceiver;
  let suite: DeliverySuite;

  beforeAll(async () => {
    provider = await startWebhookReceiver([{ status: 503 }, { status: 202, body: '{"id":"msg_1"}' }, { status: 400, body: 'invalid number' }]);
    suite = await startDeliverySuite('delivery_sms', TENANT, {
      SMS_PROVIDER_URL: `${provider.url.replace('/hooks', '')}/messages`,
      DELIVERY_RETRY_SCHEDULE: '0.2,0.2',
      // the provider is the operator's, so the guard on tenants' URLs does not apply to it
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false',
    });
  });

  afterAll(async () => {
    await suite?.close();
    await provider?.close();
  });

  it('posts the text to the provider, retries a 5xx with the same Idempotency-Key, and fails on a 4xx', async () => {
    const job = smsJob(TENANT, '+15550100200', { event: { type: 'alert.raised', timestamp: new Date().toISOString(), data: { summary: 'Disk almost full' } } });
    await publishJob(suite.app, job);
    expect(await settled(suite.app, job.delivery_id)).toMatchObject({ status: 'succeeded', attempts: 2, last_status: 202 });
    expect(provider.received.map((r) => [r.path, r.headers['idempotency-key']])).toEqual([
      ['/messages', job.delivery_id],
      ['/messages', job.delivery_id],
    ]);
    expect(JSON.parse(provider.received[1].body)).toEqual({ to: '+15550100200', message: 'Disk almost full', reference: job.delivery_id });
    expect((await readAttempts(suite.app, job.delivery_id)).map((a) => [a.outcome, a.status_code, a.response_body])).toEqual([
      ['retry', 503, ''],
      ['success', 202, '{"id":"msg_1"}'],
    ]);

    const refused = smsJob(TENANT, '+15550100201');
    await publishJob(suite.app, refused);
    expect(await settled(suite.app, refused.delivery_id)).toMatchObject({ status: 'failed', attempts: 1, last_status: 400 });
  });
});
