// acme (SPEC §5): `x-acme-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`
// within 300 s either way; several v1= values are accepted (acme sends old and new while it
// rotates a secret). Payload `{eventId, eventType, occurredAt, subject?, data}`.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuthenticationRequiredError } from '@herald/contracts';
import { PayloadFields } from './payload-fields';
import { InboundWebhook, NormalizedWebhookEvent, ProviderCredentials, singleHeader, WebhookProvider } from './webhook-provider';

export const ACME_SIGNATURE_HEADER = 'x-acme-signature';
export const ACME_TOLERANCE_SECONDS = 300;

interface AcmeSignature {
  timestamp: number;
  signatures: Buffer[];
}

/** `t=…,v1=…[,v1=…]`; null when t or every v1 is missing or malformed. Unknown schemes are ignored. */
export function parseAcmeSignature(header: string): AcmeSignature | null {
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value !== undefined && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value !== undefined && /^[0-9a-f]{64}$/i.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  return timestamp === undefined || signatures.length === 0 ? null : { timestamp, signatures };
}

export function acmeSignature(secret: string, timestamp: number, rawBody: Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
}

export const acmeProvider: WebhookProvider = {
  name: 'acme',
  secretHeaders: [ACME_SIGNATURE_HEADER],

  verify(webhook: InboundWebhook, credentials: ProviderCredentials): void {
    const header = singleHeader(webhook, ACME_SIGNATURE_HEADER);
    if (header === undefined) throw new AuthenticationRequiredError(`${ACME_SIGNATURE_HEADER} is required`);
    const parsed = parseAcmeSignature(header);
    if (!parsed) throw new AuthenticationRequiredError(`${ACME_SIGNATURE_HEADER} must be t=<unix seconds>,v1=<hex signature>`);
    const skew = Math.abs(webhook.receivedAt.getTime() / 1000 - parsed.timestamp);
    if (skew > ACME_TOLERANCE_SECONDS) {
      throw new AuthenticationRequiredError(`${ACME_SIGNATURE_HEADER} timestamp is more than ${ACME_TOLERANCE_SECONDS} s away from now`);
    }
    const secret = credentials['secret'];
    const expected = secret ? acmeSignature(secret, parsed.timestamp, webhook.rawBody) : undefined;
    // every candidate is compared, so the time taken does not say which one matched
    let matched = false;
    for (const candidate of parsed.signatures) matched = (expected !== undefined && timingSafeEqual(candidate, expected)) || matched;
    if (!matched) throw new AuthenticationRequiredError(`${ACME_SIGNATURE_HEADER} does not match the request`);
  },

  normalize(body: Record<string, unknown>): NormalizedWebhookEvent {
    const fields = new PayloadFields('acme', body);
    const event: NormalizedWebhookEvent = {
      externalId: fields.requiredString('eventId'),
      type: fields.requiredEventType('eventType'),
      occurredAt: fields.requiredTimestamp('occurredAt'),
      subject: fields.optionalString('subject'),
      data: fields.requiredObject('data'),
    };
    fields.assertValid();
    return event;
  },
};
