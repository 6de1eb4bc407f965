import { globexProvider } from './globex.provider';
import { InboundWebhook } from './webhook-provider';

const token = 'globex-shared-token';
const webhook = (headers: InboundWebhook['headers']): InboundWebhook => ({ headers, rawBody: Buffer.from('{}'), receivedAt: new Date() });
const verify = (w: InboundWebhook, credentials: { token?: string } = { token }) => () => globexProvider.verify(w, credentials);
const unauthenticated = expect.objectContaining({ code: 'AUTHENTICATION_REQUIRED', status: 401 });

describe('globex verify', () => {
  it('accepts the integration token', () => {
    expect(verify(webhook({ 'x-globex-token': token }))).not.toThrow();
  });

  it('refuses a wrong token, one of another length, a missing header and an integration without a token', () => {
    expect(verify(webhook({ 'x-globex-token': 'globex-shared-tokem' }))).toThrow(unauthenticated);
    expect(verify(webhook({ 'x-globex-token': `${token}x` }))).toThrow(unauthenticated);
    expect(verify(webhook({}))).toThrow(/x-globex-token is required/);
    expect(verify(webhook({ 'x-globex-token': token }), {})).toThrow(unauthenticated);
  });
});

describe('globex normalize', () => {
  it('maps the SPEC payload, with the resource as data and its id as subject', () => {
    expect(globexProvider.normalize({ id: 'gx_1', type: 'invoice.paid', timestamp: '2026-01-15T12:00:00Z', resource: { id: 'inv_9', amount: 5 } })).toEqual({
      externalId: 'gx_1',
      type: 'invoice.paid',
      occurredAt: new Date('2026-01-15T12:00:00Z'),
      subject: 'inv_9',
      data: { id: 'inv_9', amount: 5 },
    });
  });

  it('takes Unix seconds as the timestamp too, and no subject when the resource has no id', () => {
    const event = globexProvider.normalize({ id: 'gx_2', type: 't', timestamp: 1768478400, resource: { name: 'x' } });
    expect(event.occurredAt).toEqual(new Date('2026-01-15T12:00:00Z'));
    expect(event.subject).toBeNull();
  });

  it('names every missing field in one 400 VALIDATION_ERROR', () => {
    expect(() => globexProvider.normalize({ type: 'invoice.paid' })).toThrow(
      expect.objectContaining({
        status: 400,
        code: 'VALIDATION_ERROR',
        details: { errors: [
          { path: 'id', message: 'is required' },
          { path: 'timestamp', message: 'is required' },
          { path: 'resource', message: 'is required' },
        ] },
      }),
    );
  });
});
