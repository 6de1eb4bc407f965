// globex (SPEC §5): a shared token in `x-globex-token`, compared in constant time. Payload
// `{id, type, timestamp, resource}`; the resource's id becomes the event's subject.
import { AuthenticationRequiredError } from '@herald/contracts';
import { constantTimeEquals } from '@herald/platform/auth';
import { PayloadFields } from './payload-fields';
import { InboundWebhook, NormalizedWebhookEvent, ProviderCredentials, singleHeader, WebhookProvider } from './webhook-provider';

export const GLOBEX_TOKEN_HEADER = 'x-globex-token';

export const globexProvider: WebhookProvider = {
  name: 'globex',
  secretHeaders: [GLOBEX_TOKEN_HEADER],

  verify(webhook: InboundWebhook, credentials: ProviderCredentials): void {
    const given = singleHeader(webhook, GLOBEX_TOKEN_HEADER);
    if (given === undefined) throw new AuthenticationRequiredError(`${GLOBEX_TOKEN_HEADER} is required`);
    const expected = credentials['token'];
    if (!expected || !constantTimeEquals(given, expected)) {
      throw new AuthenticationRequiredError(`${GLOBEX_TOKEN_HEADER} is not valid for this integration`);
    }
  },

  normalize(body: Record<string, unknown>): NormalizedWebhookEvent {
    const fields = new PayloadFields('globex', body);
    const externalId = fields.requiredString('id');
    const type = fields.requiredEventType('type');
    // globex has sent both forms; seconds are unambiguous, so both are taken
    const occurredAt = fields.requiredTimestamp('timestamp', { epochSeconds: true });
    const resource = fields.requiredObject('resource');
    fields.assertValid();
    const resourceId = resource['id'];
    const subject = typeof resourceId === 'string' || typeof resourceId === 'number' ? String(resourceId) : null;
    return { externalId, type, occurredAt, subject, data: resource };
  },
};
