import { acmeProvider, acmeSignature } from './acme.provider';
import { InboundWebhook } from './webhook-provider';

const secret = 'whsec-acme-test';
const now = new Date('2026-01-15T12:00:00Z');
const nowSeconds = now.getTime() / 1000;
const body = Buffer.from(JSON.stringify({ eventId: 'evt_1', eventType: 'order.created', occurredAt: '2026-01-15T11:59:00Z', data: { total: 10 } }));

function signed(signature: string, rawBody = body): InboundWebhook {
  return { headers: { 'x-acme-signature': signature }, rawBody, receivedAt: now };
}
const v1 = (t: number, key = secret, rawBody = body) => acmeSignature(key, t, rawBody).toString('hex');
const verify = (webhook: InboundWebhook, credentials = { secret }) => () => acmeProvider.verify(webhook, credentials);
const unauthenticated = expect.objectContaining({ code: 'AUTHENTICATION_REQUIRED', status: 401 });

describe('acme verify', () => {
  it('accepts a signature over "<t>.<raw body>" with the integration secret', () => {
    expect(verify(signed(`t=${nowSeconds},v1=${v1(nowSeconds)}`))).not.toThrow();
  });

  it('refuses a tampered body, a wrong secret and an integration without a secret', () => {
    const tampered = Buffer.from(body.toString().replace('10', '11'));
    expect(verify(signed(`t=${nowSeconds},v1=${v1(nowSeconds)}`, tampered))).toThrow(unauthenticated);
    expect(verify(signed(`t=${nowSeconds},v1=${v1(nowSeconds, 'another-secret')}`))).toThrow(unauthenticated);
    expect(verify(signed(`t=${nowSeconds},v1=${v1(nowSeconds)}`), {} as { secret: string })).toThrow(unauthenticated);
  });

  it('refuses a signature whose t was changed, since t is signed', () => {
    expect(verify(signed(`t=${nowSeconds - 1},v1=${v1(nowSeconds)}`))).toThrow(/does not match/);
  });

  it('accepts timestamps up to 300 s away either way and refuses stale or future ones', () => {
    for (const t of [nowSeconds - 300, nowSeconds + 300]) expect(verify(signed(`t=${t},v1=${v1(t)}`))).not.toThrow();
    for (const t of [nowSeconds - 301, nowSeconds + 301]) expect(verify(signed(`t=${t},v1=${v1(t)}`))).toThrow(/300 s/);
  });

  it('refuses a missing, repeated or malformed header', () => {
    expect(verify({ headers: {}, rawBody: body, receivedAt: now })).toThrow(/x-acme-signature is required/);
    const sig = `t=${nowSeconds},v1=${v1(nowSeconds)}`;
    expect(verify({ headers: { 'x-acme-signature': [sig, sig] }, rawBody: body, receivedAt: now })).toThrow(unauthenticated);
    for (const header of ['', `v1=${v1(nowSeconds)}`, `t=${nowSeconds}`, `t=abc,v1=${v1(nowSeconds)}`, `t=${nowSeconds},v1=nothex`]) {
      expect(verify(signed(header))).toThrow(/must be t=/);
    }
  });

  it('accepts any one of several v1 values, in any position, and ignores unknown schemes', () => {
    const stale = v1(nowSeconds, 'rotated-out-secret');
    expect(verify(signed(`t=${nowSeconds},v1=${stale},v1=${v1(nowSeconds)}`))).not.toThrow();
    expect(verify(signed(`v1=${v1(nowSeconds)}, t=${nowSeconds}, v0=whatever, v1=${stale}`))).not.toThrow();
    expect(verify(signed(`t=${nowSeconds},v1=${stale},v1=${stale}`))).toThrow(unauthenticated);
  });
});

describe('acme normalize', () => {
  it('maps the SPEC payload to external id, type, occurred_at, subject and data', () => {
    expect(
      acmeProvider.normalize({ eventId: 'evt_1', eventType: 'order.created', occurredAt: '2026-01-15T11:59:00.250+01:00', subject: 'order/42', data: { total: 10 } }),
    ).toEqual({ externalId: 'evt_1', type: 'order.created', occurredAt: new Date('2026-01-15T10:59:00.250Z'), subject: 'order/42', data: { total: 10 } });
  });

  it('treats subject as optional', () => {
    expect(acmeProvider.normalize({ eventId: 'e', eventType: 't', occurredAt: '2026-01-15T11:59:00Z', data: {} }).subject).toBeNull();
  });

  it('names every missing or mistyped field in one 400 VALIDATION_ERROR', () => {
    let thrown: unknown;
    try {
      acmeProvider.normalize({ eventType: 42, occurredAt: '15/01/2026', subject: 7, data: [] });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ code: 'VALIDATION_ERROR', status: 400, message: expect.stringContaining('eventId, eventType, occurredAt, subject, data') });
    expect((thrown as { details: { errors: unknown[] } }).details.errors).toEqual([
      { path: 'eventId', message: 'is required' },
      { path: 'eventType', message: expect.stringContaining('non-empty string') },
      { path: 'occurredAt', message: expect.stringContaining('ISO 8601') },
      { path: 'subject', message: 'must be a string' },
      { path: 'data', message: 'must be an object' },
    ]);
  });
});
