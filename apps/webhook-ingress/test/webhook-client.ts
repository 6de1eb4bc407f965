// What a partner sends: acme's signed requests and globex's token requests, posted to an
// ingress under test, and the answer as a client reads it.
import { createHmac } from 'node:crypto';

export interface Answer {
  status: number;
  body: {
    success: boolean;
    data?: { event_id: string; duplicate: boolean; provider: string; provider_event_id: string };
    error?: { code: string; message: string; details: { errors?: Array<{ path: string; message: string }> } };
  };
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** `x-acme-signature` for `rawBody`: t=<t>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")> for each secret. */
export function acmeSignature(rawBody: string | Buffer, secrets: string[], t = nowSeconds()): string {
  const v1 = secrets.map((secret) => `v1=${createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex')}`);
  return [`t=${t}`, ...v1].join(',');
}

export function acmeBody(eventId: string, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({ eventId, eventType: 'order.created', occurredAt: '2026-11-25T10:00:00Z', subject: 'order/42', data: { total: 10 }, ...overrides });
}

export function globexBody(id: string): string {
  return JSON.stringify({ id, type: 'invoice.paid', timestamp: '2026-11-25T10:00:00Z', resource: { id: 'inv_9', amount: 5 } });
}

export async function post(url: string, rawBody: string | Buffer, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: rawBody });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}
