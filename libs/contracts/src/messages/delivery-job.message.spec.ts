import { DeliveryJobContract, DeliveryJobMessage } from './delivery-job.message';

const job = (over: Partial<Record<keyof DeliveryJobMessage, unknown>> = {}): unknown => ({
  contract_version: 1,
  delivery_id: 'dlv_01HZX',
  tenant_id: 'tn_a',
  event_id: '7b0c2a5e-8d0e-4c55-9d33-3a6f1b2c9e10',
  channel: 'webhook',
  destination: { kind: 'webhook_subscription', subscription_id: '0e9f3d2c-1b4a-4f6e-8a7b-9c0d1e2f3a4b' },
  event: { type: 'invoice.paid', timestamp: '2026-11-25T12:00:00Z', data: { amount: 10 } },
  ...over,
});

describe('delivery.job@v1', () => {
  it('parses a webhook job, and email and sms jobs with their recipient', () => {
    expect(DeliveryJobContract.parse(job())).toMatchObject({ delivery_id: 'dlv_01HZX' });
    expect(() => DeliveryJobContract.parse(job({ channel: 'email', destination: { kind: 'email', address: 'ops@example.com' } }))).not.toThrow();
    expect(() => DeliveryJobContract.parse(job({ channel: 'sms', destination: { kind: 'sms', phone: '+15550100200' } }))).not.toThrow();
  });

  it('refuses a delivery id that cannot be a header value, and an unknown destination kind', () => {
    expect(() => DeliveryJobContract.parse(job({ delivery_id: 'two words' }))).toThrow(/delivery.job@v1/);
    expect(() => DeliveryJobContract.parse(job({ destination: { kind: 'fax', number: '1' } }))).toThrow(/delivery.job@v1/);
    expect(() => DeliveryJobContract.parse(job({ destination: { kind: 'webhook_subscription', subscription_id: 'x' } }))).toThrow(/delivery.job@v1/);
  });

  it('requires the event as {type, timestamp, data}, nothing else', () => {
    expect(() => DeliveryJobContract.parse(job({ event: { type: 't', timestamp: 'yesterday', data: {} } }))).toThrow(/timestamp/);
    expect(() => DeliveryJobContract.parse(job({ event: { type: 't', timestamp: '2026-11-25T12:00:00Z', data: {}, extra: 1 } }))).toThrow();
  });

  it('takes an optional boolean `test` (a subscription test: one attempt)', () => {
    expect(DeliveryJobContract.parse(job({ test: true }))).toMatchObject({ test: true });
    expect(DeliveryJobContract.parse(job())).not.toHaveProperty('test');
    expect(() => DeliveryJobContract.parse(job({ test: 'yes' }))).toThrow(/test/);
  });
});
