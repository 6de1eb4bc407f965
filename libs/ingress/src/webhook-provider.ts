// The one interface a webhook provider implements (SPEC §5): verify the raw bytes with the
// integration's credentials, then normalize the parsed body into the event store's terms.
// Credentials are an argument: they belong to the integration, never to platform config.
import { MalformedRequestError } from '@herald/contracts';

/** An integration's credentials for its provider, e.g. `{ secret }` for acme, `{ token }` for globex. */
export type ProviderCredentials = Readonly<Record<string, string | undefined>>;

/** A provider's request as received: headers (lower-case names, as Node gives them) and the exact body bytes. */
export interface InboundWebhook {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  rawBody: Buffer;
  receivedAt: Date;
}

export interface NormalizedWebhookEvent {
  /** The provider's own event id; idempotency is per (integration, externalId). */
  externalId: string;
  type: string;
  occurredAt: Date;
  subject: string | null;
  data: Record<string, unknown>;
}

export interface WebhookProvider {
  /** The `:provider` path segment. */
  readonly name: string;
  /** Headers that carry credentials or signatures: redacted in the stored snapshot (and in logs, see LOG_SECRETS). */
  readonly secretHeaders: readonly string[];
  /** Throws AuthenticationRequiredError (401) unless the request carries valid credentials. */
  verify(webhook: InboundWebhook, credentials: ProviderCredentials): void;
  /** Throws MalformedRequestError (400) naming every missing or mistyped field. */
  normalize(body: Record<string, unknown>): NormalizedWebhookEvent;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Verifies first (a forged request learns nothing about our parsing), then parses and normalizes the same bytes. */
export function readVerifiedWebhook(provider: WebhookProvider, webhook: InboundWebhook, credentials: ProviderCredentials): NormalizedWebhookEvent {
  provider.verify(webhook, credentials);
  let body: unknown;
  try {
    // fatal: a body that is not UTF-8 is refused rather than read with replacement characters,
    // so the stored snapshot's text is exactly the bytes that were verified
    body = JSON.parse(UTF8.decode(webhook.rawBody));
  } catch {
    throw new MalformedRequestError('The request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MalformedRequestError('The request body must be a JSON object');
  }
  return provider.normalize(body as Record<string, unknown>);
}

/** One header's value; a repeated header counts as absent, since we could not tell which one was signed. */
export function singleHeader(webhook: InboundWebhook, name: string): string | undefined {
  const value = webhook.headers[name];
  return typeof value === 'string' ? value : undefined;
}
