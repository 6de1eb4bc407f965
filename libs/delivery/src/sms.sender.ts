// The sms channel (SPEC §8): a generic HTTP provider adapter. Each attempt POSTs
// `{to, message, reference}` as JSON to SMS_PROVIDER_URL (the operator's provider; any
// credentials ride in that URL), with the delivery id as `reference` and `Idempotency-Key`,
// so a provider that deduplicates never sends one delivery twice. The provider's answer is
// judged by the same HTTP rules as a webhook's. Without SMS_PROVIDER_URL the sender is not
// configured and the channel is not registered: SMS jobs wait unrouted, as email's do.
import { Inject, Injectable } from '@nestjs/common';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { ChannelResponse, ChannelSender, DeliveryJob, SendContext } from './channel-sender';
import { httpAttempt } from './http-outcome';
import { OutboundHttp } from './outbound-http';

/** SMS bodies are cut here: a few concatenated segments at most. */
export const MAX_SMS_CHARACTERS = 640;

@Injectable()
export class SmsSender implements ChannelSender {
  readonly channel = 'sms' as const;
  readonly configured: boolean;
  private readonly providerUrl?: URL;

  constructor(
    private readonly http: OutboundHttp,
    @Inject(HERALD_CONFIG) config: HeraldConfig,
  ) {
    this.providerUrl = config.smsProviderUrl ? new URL(config.smsProviderUrl) : undefined;
    this.configured = this.providerUrl !== undefined;
  }

  async send(job: DeliveryJob, { signal }: SendContext): Promise<ChannelResponse> {
    const url = this.providerUrl;
    if (!url) return { outcome: 'fail', errorClass: 'destination_unavailable', responseBody: 'SMS_PROVIDER_URL is not set' };
    const body = JSON.stringify({ to: job.destination, message: smsText(job.payload), reference: job.deliveryId });
    const headers = { 'content-type': 'application/json', 'idempotency-key': job.deliveryId };
    return httpAttempt(() => this.http.postToOperatorUrl(url, headers, body, signal), signal);
  }
}

/** The text of an event as an SMS: its `data.message`, `text`, `summary` or `title`, else its type. */
export function smsText(event: Record<string, unknown>): string {
  const data = (event['data'] ?? {}) as Record<string, unknown>;
  const text = [data['message'], data['text'], data['summary'], data['title']].find((v): v is string => typeof v === 'string' && v.length > 0);
  return (text ?? String(event['type'] ?? 'notification')).slice(0, MAX_SMS_CHARACTERS);
}
