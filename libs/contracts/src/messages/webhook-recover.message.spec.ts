import { WebhookRecoverContract } from './webhook-recover.message';

const command = (over: Record<string, unknown> = {}): unknown => ({
  contract_version: 1,
  recover_request_id: '5d3f0c1e-2a4b-4c6d-8e9f-0a1b2c3d4e5f',
  tenant_id: 'tn_a',
  subscription_id: '0e9f3d2c-1b4a-4f6e-8a7b-9c0d1e2f3a4b',
  since: '2026-11-24T00:00:00Z',
  until: '2026-11-25T00:00:00Z',
  requested_at: '2026-11-25T12:00:00Z',
  ...over,
});

describe('webhook_subscription.recover@v1', () => {
  it('parses a recover command', () => {
    expect(WebhookRecoverContract.parse(command())).toMatchObject({ subscription_id: '0e9f3d2c-1b4a-4f6e-8a7b-9c0d1e2f3a4b' });
  });

  it('refuses a request id or subscription that is not a uuid, a bad date, and an unknown field', () => {
    expect(() => WebhookRecoverContract.parse(command({ recover_request_id: 'r1' }))).toThrow(/webhook_subscription.recover@v1/);
    expect(() => WebhookRecoverContract.parse(command({ subscription_id: 'sub' }))).toThrow(/subscription_id/);
    expect(() => WebhookRecoverContract.parse(command({ since: 'yesterday' }))).toThrow(/since/);
    expect(() => WebhookRecoverContract.parse(command({ extra: 1 }))).toThrow();
  });
});
