// The webhook channel (SPEC §8): Standard Webhooks over HTTP POST. The body is the job's
// `{type, timestamp, data}`; `webhook-id` is the delivery id (the same on every retry),
// `webhook-timestamp` the attempt's time, `webhook-signature` one `v1,<sig>` per secret —
// two while a rotation's grace lasts — made by the `standardwebhooks` library.
import { Injectable } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { ChannelResponse, ChannelSender, DeliveryJob, SendContext } from './channel-sender';
import { httpAttempt } from './http-outcome';
import { OutboundHttp } from './outbound-http';

/** Credentials a webhook attempt is signed with: the subscription's secret, and the previous one during its grace. */
export interface WebhookCredentials {
  secret: string;
  previous_secret?: string;
}

@Injectable()
export class WebhookSender implements ChannelSender {
  readonly channel = 'webhook' as const;

  constructor(private readonly http: OutboundHttp) {}

  async send(job: DeliveryJob, { signal, credentials }: SendContext): Promise<ChannelResponse> {
    const body = JSON.stringify(job.payload);
    const headers = { 'content-type': 'application/json', 'user-agent': 'Herald-Webhooks/1', ...signatureHeaders(job.deliveryId, new Date(), body, credentials as Readonly<WebhookCredentials>) };
    return httpAttempt(() => this.http.post(new URL(job.destination), headers, body, signal), signal);
  }
}

/** The three Standard Webhooks headers; `webhook-signature` carries one signature per secret, space-separated. */
export function signatureHeaders(deliveryId: string, at: Date, body: string, credentials: Readonly<WebhookCredentials>): Record<string, string> {
  const secrets = [credentials.secret, credentials.previous_secret].filter((s): s is string => !!s);
  return {
    'webhook-id': deliveryId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(deliveryId, at, body)).join(' '),
  };
}
