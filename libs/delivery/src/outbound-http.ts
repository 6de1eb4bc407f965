// The delivery worker's one HTTP client for the outside world (webhooks, the SMS provider):
// undici keep-alive pools, at most DELIVERY_DESTINATION_CONCURRENCY connections per origin,
// no redirects followed, the response body read only up to a cap, and the SSRF guard on
// every new connection to a tenant's URL (unless WEBHOOK_ALLOW_PRIVATE_NETWORKS). URLs the
// operator configured (SMS_PROVIDER_URL) go through a pool without the guard.
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Agent, request } from 'undici';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { MAX_RECORDED_RESPONSE_BYTES } from './channel.registry';
import { DestinationRefusedError, guardedLookup, literalAddress, refusedAddress } from './ssrf-guard';

export interface OutboundResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** At most MAX_RECORDED_RESPONSE_BYTES of the body; the rest is never read. */
  body: string;
}

@Injectable()
export class OutboundHttp implements OnModuleDestroy {
  private readonly tenantAgent: Agent;
  private readonly operatorAgent: Agent;
  private readonly guarded: boolean;

  constructor(@Inject(HERALD_CONFIG) config: HeraldConfig) {
    this.guarded = !config.webhookAllowPrivateNetworks;
    const pool = { connections: config.deliveryDestinationConcurrency, keepAliveTimeout: 30_000 };
    this.tenantAgent = new Agent({ ...pool, connect: { timeout: config.deliveryAttemptTimeoutMs, ...(this.guarded && { lookup: guardedLookup }) } });
    this.operatorAgent = new Agent({ ...pool, connect: { timeout: config.deliveryAttemptTimeoutMs } });
  }

  /** POSTs to a tenant's URL; throws DestinationRefusedError for a refused address, undici's errors for network trouble. */
  async post(url: URL, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<OutboundResponse> {
    const literal = literalAddress(url.hostname);
    const range = this.guarded && literal ? refusedAddress(literal) : undefined;
    if (literal && range) throw new DestinationRefusedError(url.hostname, literal, range);
    return send(this.tenantAgent, url, headers, body, signal);
  }

  /** POSTs to a URL the operator configured (a provider's API): no SSRF guard. */
  postToOperatorUrl(url: URL, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<OutboundResponse> {
    return send(this.operatorAgent, url, headers, body, signal);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.tenantAgent.close(), this.operatorAgent.close()]);
  }
}

async function send(agent: Agent, url: URL, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<OutboundResponse> {
  const res = await request(url, { method: 'POST', headers, body, signal, dispatcher: agent });
  return { status: res.statusCode, headers: res.headers, body: await readCapped(res.body, MAX_RECORDED_RESPONSE_BYTES) };
}

async function readCapped(stream: AsyncIterable<Buffer> & { destroy(): void }, cap: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= cap) {
      // the rest is not recorded: stop reading (this connection is not reused)
      stream.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, cap).toString('utf8');
}

/** True when `err` (or what undici wrapped) is the guard's refusal. */
export function isDestinationRefused(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === 'EDESTINATIONREFUSED') return true;
  }
  return false;
}
