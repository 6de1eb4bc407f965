import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { signatureHeaders } from './webhook.sender';

const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

describe('signatureHeaders (Standard Webhooks)', () => {
  const body = JSON.stringify({ type: 'invoice.paid', timestamp: '2026-11-25T12:00:00Z', data: { amount: 10 } });

  it('signs so that the standardwebhooks library verifies the id, timestamp and body', () => {
    const secret = newSecret();
    const headers = signatureHeaders('dlv_1', new Date(), body, { secret });
    expect(headers['webhook-id']).toBe('dlv_1');
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('10', '11'), headers)).toThrow();
    expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow();
  });

  it('carries two signatures during a rotation, so receivers holding either secret verify', () => {
    const [current, previous] = [newSecret(), newSecret()];
    const headers = signatureHeaders('dlv_2', new Date(), body, { secret: current, previous_secret: previous });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(current).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
  });
});
