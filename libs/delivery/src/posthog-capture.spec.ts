import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { EventAcceptedMessage, parseTenantId } from '@herald/contracts';
import { loadConfig } from '@herald/platform/config';
import { analyticsCapture } from './analytics-event.consumer';
import { AnalyticsCapture, PosthogCapture } from './posthog-capture';

const capture = (n: number): AnalyticsCapture => ({
  distinctId: 'tn_a',
  event: 'lead.converted',
  properties: { n },
  timestamp: new Date('2026-11-25T12:00:00.000Z'),
  uuid: `0195f1a8-0000-7000-8000-00000000000${n}`,
});

describe('PosthogCapture', () => {
  let server: Server;
  const requests: number[] = [];
  let status = 200;
  let posthog: PosthogCapture;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        requests.push((JSON.parse(gunzipSync(Buffer.concat(chunks)).toString()) as { batch: unknown[] }).batch.length);
        res.writeHead(status).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const host = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    posthog = new PosthogCapture(loadConfig({ appName: 'unit', port: 0 }, { POSTHOG_HOST: host, POSTHOG_API_KEY: 'phc_unit' }));
  });

  afterAll(async () => {
    await posthog.onApplicationShutdown();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the captures handed over together in one request, and settles each with it', async () => {
    requests.length = 0;
    await Promise.all([1, 2, 3].map((n) => posthog.capture(capture(n))));
    expect(requests).toEqual([3]);
  });

  it('rejects every capture of a batch PostHog refused, without a retry of its own', async () => {
    requests.length = 0;
    status = 503;
    const results = await Promise.allSettled([1, 2].map((n) => posthog.capture(capture(n))));
    status = 200;
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(requests).toEqual([2]);
  });
});

describe('analyticsCapture', () => {
  const event: EventAcceptedMessage = {
    contract_version: 1,
    event_id: '8b1f0c52-4a47-4c1e-9d7e-2b8f6e0c1a11',
    tenant_id: parseTenantId('tn_a'),
    kind: 'business',
    type: 'revenue_impact',
    source: 'crm',
    schema_version: 1,
    occurred_at: '2026-11-25T12:00:00.000Z',
    received_at: '2026-11-25T12:00:01.000Z',
    payload: { amount: 5, tenant_id: 'spoofed', event_id: 'spoofed' },
    customer_id: null,
  };

  it("is the tenant's event named by its type, with the payload and Herald's ids (which a payload cannot override)", () => {
    expect(analyticsCapture(event)).toEqual({
      distinctId: 'tn_a',
      event: 'revenue_impact',
      properties: { amount: 5, tenant_id: 'tn_a', event_id: event.event_id, source: 'crm', schema_version: 1 },
      timestamp: new Date('2026-11-25T12:00:00.000Z'),
      uuid: event.event_id,
    });
  });

  it("is the customer's when the event names one", () => {
    expect(analyticsCapture({ ...event, customer_id: 'cus_1' })).toMatchObject({ distinctId: 'cus_1', properties: { customer_id: 'cus_1' } });
  });
});
