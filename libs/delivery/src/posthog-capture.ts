// Captures events in PostHog through its official Node client (SPEC §4's analytics channel),
// in bounded batches that tell each caller how its capture went: one batch in flight at a
// time, at most ANALYTICS_BATCH_MAX captures each, and whatever arrives meanwhile goes in the
// next. The client neither retries nor flushes on its own timer: a failed batch fails every
// capture in it, and the consumer retries those on its schedule. Each capture carries its
// event's id as PostHog's `uuid`, so a capture sent twice (a retry, or a batch the client
// resends after a network error) is one event in PostHog.
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PostHog } from 'posthog-node';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';

export interface AnalyticsCapture {
  distinctId: string;
  event: string;
  properties: Record<string, unknown>;
  timestamp: Date;
  /** The event's id: PostHog keeps one event per uuid. */
  uuid: string;
}

/** Captures per PostHog request. */
export const ANALYTICS_BATCH_MAX = 100;

interface Waiting {
  capture: AnalyticsCapture;
  settle: (err?: unknown) => void;
}

@Injectable()
export class PosthogCapture implements OnApplicationShutdown {
  private readonly client: PostHog;
  private waiting: Waiting[] = [];
  private sending = false;

  constructor(@Inject(HERALD_CONFIG) config: HeraldConfig) {
    const { host, apiKey } = config.posthog;
    if (!host || !apiKey) throw new Error('PosthogCapture needs POSTHOG_HOST and POSTHOG_API_KEY');
    this.client = new PostHog(apiKey, {
      host,
      // batches are ours: the client sends only when flushed, once, within the attempt timeout
      flushAt: 10 * ANALYTICS_BATCH_MAX,
      maxQueueSize: 10 * ANALYTICS_BATCH_MAX,
      maxBatchSize: ANALYTICS_BATCH_MAX,
      flushInterval: 0,
      fetchRetryCount: 0,
      requestTimeout: config.deliveryAttemptTimeoutMs,
      disableGeoip: true,
    });
  }

  /** Resolves once PostHog accepted the batch that carried it; rejects when that batch failed. */
  capture(capture: AnalyticsCapture): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ capture, settle: (err) => (err === undefined ? resolve() : reject(err)) });
      // the next turn: captures handed over in this one share the batch
      if (!this.sending) setImmediate(() => this.sendNext());
    });
  }

  private sendNext(): void {
    if (this.sending || this.waiting.length === 0) return;
    this.sending = true;
    const batch = this.waiting.splice(0, ANALYTICS_BATCH_MAX);
    void this.send(batch).finally(() => {
      this.sending = false;
      this.sendNext();
    });
  }

  private async send(batch: Waiting[]): Promise<void> {
    for (const { capture } of batch) this.client.capture(capture);
    try {
      await this.client.flush();
      batch.forEach((w) => w.settle());
    } catch (err) {
      batch.forEach((w) => w.settle(err ?? new Error('PostHog capture failed')));
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.shutdown(5000);
  }
}
