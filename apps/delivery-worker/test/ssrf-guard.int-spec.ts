// SPEC §8's SSRF guard with WEBHOOK_ALLOW_PRIVATE_NETWORKS off: a subscription pointing at
// loopback, private, metadata, CGNAT or IPv4-mapped addresses — literally or through a name
// that resolves there — is refused before anything is sent, and the delivery fails at once
// (waiting would not make the address acceptable). That no redirect is followed (to
// loopback or anywhere) is shown in webhook-delivery.int-spec.ts.
import { webhookJob, WebhookReceiver } from '@herald/platform/testing';
import { DeliverySuite, publishJob, readAttempts, settled, startDeliverySuite } from './delivery-client';

const TENANT = 'tn_ssrf';

describe('delivery-worker: SSRF guard', () => {
  let suite: DeliverySuite;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    suite = await startDeliverySuite('delivery_ssrf', TENANT, {
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false',
      DELIVERY_RETRY_SCHEDULE: '0.2',
      DELIVERY_ATTEMPT_TIMEOUT_MS: '1000',
    });
    receiver = await suite.receiver();
  });

  afterAll(() => suite?.close());

  const urls = () => [
    ['loopback', `http://127.0.0.1:${receiver.port}/hooks`],
    ['private', 'http://10.0.0.1/hooks'],
    ['metadata (link-local)', 'http://169.254.169.254/latest/meta-data/'],
    ['CGNAT', 'http://100.64.0.1/hooks'],
    ['IPv6 loopback', `http://[::1]:${receiver.port}/hooks`],
    ['IPv4-mapped IPv6 loopback', `http://[::ffff:127.0.0.1]:${receiver.port}/hooks`],
    ['a name resolving to loopback', `http://localhost:${receiver.port}/hooks`],
  ];

  it('refuses every private destination before sending, and fails the delivery without retrying', async () => {
    const jobs = [];
    for (const [, url] of urls()) {
      const { id } = await suite.subscribe(url);
      const job = webhookJob(TENANT, id);
      jobs.push(job);
      await publishJob(suite.app, job);
    }
    const outcomes = [];
    for (const [i, job] of jobs.entries()) {
      const delivery = await settled(suite.app, job.delivery_id);
      const [attempt] = await readAttempts(suite.app, job.delivery_id);
      outcomes.push({ kind: urls()[i][0], status: delivery.status, attempts: delivery.attempts, error_class: attempt.error_class });
    }
    expect(outcomes).toEqual(urls().map(([kind]) => ({ kind, status: 'failed', attempts: 1, error_class: 'destination_refused' })));
    expect(receiver.received).toHaveLength(0);
  });

  it('names the refused address and its range in the recorded attempt', async () => {
    const { id } = await suite.subscribe(`http://localhost:${receiver.port}/x`);
    const job = webhookJob(TENANT, id);
    await publishJob(suite.app, job);
    expect(await settled(suite.app, job.delivery_id)).toMatchObject({ last_error: expect.stringMatching(/^destination_refused: refused to connect to localhost: .* is a loopback address$/) });
  });
});
