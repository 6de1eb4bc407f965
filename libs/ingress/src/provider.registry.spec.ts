import { AuthenticationRequiredError } from '@herald/contracts';
import { defaultIntegrationCredentials } from './default-integration';
import { ProviderRegistry } from './provider.registry';
import { WEBHOOK_PROVIDERS } from './providers';
import { InboundWebhook, NormalizedWebhookEvent, ProviderCredentials, readVerifiedWebhook, WebhookProvider } from './webhook-provider';

/** A provider that is neither acme nor globex, registered the way a new one would be. */
const initech: WebhookProvider = {
  name: 'initech',
  secretHeaders: ['x-initech-key'],
  verify(webhook: InboundWebhook, credentials: ProviderCredentials) {
    if (webhook.headers['x-initech-key'] !== credentials['key']) throw new AuthenticationRequiredError('bad key');
  },
  normalize(body): NormalizedWebhookEvent {
    return { externalId: String(body['ref']), type: 'initech.ping', occurredAt: new Date(0), subject: null, data: body };
  },
};

const webhook = (rawBody: string, key = 'k1'): InboundWebhook => ({ headers: { 'x-initech-key': key }, rawBody: Buffer.from(rawBody), receivedAt: new Date() });

describe('ProviderRegistry', () => {
  const registry = new ProviderRegistry([...WEBHOOK_PROVIDERS, initech]);

  it('finds the built-in providers and one registered beside them by name', () => {
    expect(registry.names()).toEqual(['acme', 'globex', 'initech']);
    expect(registry.get('initech')).toBe(initech);
  });

  it('answers an unknown provider with a 404 RESOURCE_NOT_FOUND naming it', () => {
    expect(() => registry.get('umbrella')).toThrow(
      expect.objectContaining({ code: 'RESOURCE_NOT_FOUND', status: 404, details: { entity: 'provider', id: 'umbrella' } }),
    );
  });

  it('refuses to register two providers under one name', () => {
    expect(() => new ProviderRegistry([initech, initech])).toThrow(/registered twice/);
  });
});

describe('readVerifiedWebhook', () => {
  it('verifies with the credentials it is given, then normalizes the same bytes', () => {
    expect(readVerifiedWebhook(initech, webhook('{"ref":"r1"}'), { key: 'k1' })).toMatchObject({ externalId: 'r1', data: { ref: 'r1' } });
  });

  it('verifies before parsing, so a forged request gets 401 even with a broken body', () => {
    expect(() => readVerifiedWebhook(initech, webhook('not json', 'forged'), { key: 'k1' })).toThrow(expect.objectContaining({ status: 401 }));
  });

  it('answers a body that is not JSON or not an object with 400', () => {
    for (const raw of ['not json', '[1,2]', '"text"', 'null']) {
      expect(() => readVerifiedWebhook(initech, webhook(raw), { key: 'k1' })).toThrow(expect.objectContaining({ status: 400, code: 'VALIDATION_ERROR' }));
    }
  });
});

describe('defaultIntegrationCredentials', () => {
  it('hands the env values to the default integrations as credentials', () => {
    const credentials = defaultIntegrationCredentials({ providers: { acmeWebhookSecret: 's', globexWebhookToken: 't' } });
    expect(credentials.get('acme')).toEqual({ secret: 's' });
    expect(credentials.get('globex')).toEqual({ token: 't' });
  });
});
