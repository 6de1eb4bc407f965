// Finds the sender of a delivery channel and runs one attempt through it, with what every
// channel shares: the per-attempt timeout, latency, a thrown sender recorded as a retry,
// and the response body cut to what SPEC §8 keeps (20 KB). A sender whose service is not
// configured is left out: its channel is not registered.
import { performance } from 'node:perf_hooks';
import { DeliveryChannel, NotFoundError } from '@herald/contracts';
import { ChannelResponse, ChannelSender, DeliveryAttempt, DeliveryJob } from './channel-sender';

export const MAX_RECORDED_RESPONSE_BYTES = 20 * 1024;

export class ChannelRegistry {
  private readonly byChannel = new Map<DeliveryChannel, ChannelSender>();

  constructor(senders: readonly ChannelSender[]) {
    for (const sender of senders) {
      if (sender.configured === false) continue;
      if (this.byChannel.has(sender.channel)) throw new Error(`delivery channel "${sender.channel}" has two senders`);
      this.byChannel.set(sender.channel, sender);
    }
  }

  get(channel: DeliveryChannel): ChannelSender {
    const sender = this.byChannel.get(channel);
    if (!sender) throw new NotFoundError('delivery channel', channel);
    return sender;
  }

  /** The channels this worker sends: its job bindings and the deliveries it claims. */
  channels(): DeliveryChannel[] {
    return [...this.byChannel.keys()];
  }

  /** One attempt of `job`; an unknown channel throws NotFoundError before anything is sent. */
  async dispatch(job: DeliveryJob, credentials: Readonly<Record<string, string>>, timeoutMs: number): Promise<DeliveryAttempt> {
    const sender = this.get(job.channel);
    const signal = AbortSignal.timeout(timeoutMs);
    const started = performance.now();
    let response: ChannelResponse;
    try {
      response = await sender.send(job, { signal, credentials });
    } catch {
      response = { outcome: 'retry', errorClass: signal.aborted ? 'timeout' : 'sender_error' };
    }
    const latencyMs = Math.round(performance.now() - started);
    return { ...response, responseBody: truncated(response.responseBody), channel: job.channel, latencyMs };
  }
}

function truncated(body: string | undefined): string | undefined {
  if (body === undefined || Buffer.byteLength(body) <= MAX_RECORDED_RESPONSE_BYTES) return body;
  return Buffer.from(body).subarray(0, MAX_RECORDED_RESPONSE_BYTES).toString('utf8');
}
