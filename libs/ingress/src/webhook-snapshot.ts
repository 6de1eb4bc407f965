// The raw snapshot of a provider webhook (SPEC §5): the body exactly as received and every
// header, with the ones that carry credentials or signatures redacted (the provider's own and
// the platform's LOG_SECRETS headers). Stored with the event; never holds a credential.
import { createHash } from 'node:crypto';
import { LOG_SECRETS, REDACTED } from '@herald/platform/observability';
import { InboundWebhook } from './webhook-provider';

export interface WebhookSnapshot {
  [key: string]: unknown;
  headers: Record<string, string | string[]>;
  /** The body as UTF-8 text (readVerifiedWebhook refuses anything else), byte for byte. */
  body: string;
  body_sha256: string;
}

export function webhookSnapshot(webhook: InboundWebhook, secretHeaders: readonly string[]): WebhookSnapshot {
  const secret = new Set<string>([...LOG_SECRETS.headers, ...secretHeaders]);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(webhook.headers)) {
    if (value !== undefined) headers[name] = secret.has(name.toLowerCase()) ? REDACTED : value;
  }
  return {
    headers,
    body: webhook.rawBody.toString('utf8'),
    body_sha256: createHash('sha256').update(webhook.rawBody).digest('hex'),
  };
}
