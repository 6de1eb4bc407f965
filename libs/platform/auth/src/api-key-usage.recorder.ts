// Keeps api_keys.last_used_at current without a write per request (SPEC §3): the access guard
// records each API-key request here (in memory, O(1)); every API_KEY_USAGE_REPORT_MS, and once
// more at shutdown, the latest use of each key goes out as ONE `api_key.used` message on
// herald.reports for the management context (the only writer of api_keys) to apply. Best
// effort, not through an outbox: a report that cannot be sent (broker away, not confirmed) is
// merged into the next one; only what is pending when the replica stops during an outage is lost.
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { API_KEY_USED_ROUTING_KEY, ApiKeyUsedContract, ApiKeyUsedMessage, Exchanges } from '@herald/contracts';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { AmqpConnection, MessagePublisher } from '@herald/platform/messaging';
import { childTraceparent, HERALD_LOGGER, HeraldLogger, ShutdownDrain } from '@herald/platform/observability';
import { ApiKeyUsageLedger } from './api-key-usage.ledger';

/** After the outbox writer (10), before the relay (20): HTTP has stopped, the broker is still open. */
const DRAIN_ORDER = 15;

@Injectable()
export class ApiKeyUsageRecorder implements OnApplicationBootstrap {
  private readonly ledger = new ApiKeyUsageLedger();
  private timer?: NodeJS.Timeout;
  private reporting?: Promise<void>;

  constructor(
    private readonly publisher: MessagePublisher,
    private readonly connection: AmqpConnection,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
    drain: ShutdownDrain,
  ) {
    drain.register('api-key-usage', DRAIN_ORDER, () => this.stop());
  }

  /** Called by the guard for every request an API key authenticated: memory only. */
  record(apiKeyId: string, tenantId: string, at = Date.now()): void {
    this.ledger.record(apiKeyId, tenantId, at);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.report(), this.config.apiKeyUsageReportMs);
    this.timer.unref();
  }

  /** Sends what was recorded since the last report; nothing when no key was used. One report at a time. */
  report(): Promise<void> {
    this.reporting ??= this.send().finally(() => (this.reporting = undefined));
    return this.reporting;
  }

  private async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.reporting;
    await this.report();
    if (this.ledger.size > 0) this.logger.warn({ keys: this.ledger.size }, 'API-key usage not reported at shutdown (broker unavailable)');
  }

  private async send(): Promise<void> {
    // Nothing is handed to a disconnected channel (its buffer would only grow); the uses wait here.
    if (this.ledger.size === 0 || !this.connection.isConnected()) return;
    const report = this.ledger.take(this.config.appName, Date.now());
    if (!report) return;
    try {
      await this.publish(report);
    } catch (err) {
      this.ledger.restore(report);
      this.logger.warn({ err: (err as Error).message, keys: report.uses.length }, 'API-key usage report not sent; it goes with the next one');
    }
  }

  private publish(report: ApiKeyUsedMessage): Promise<void> {
    const id = randomUUID();
    return this.publisher.publish({
      exchange: Exchanges.reports,
      routingKey: API_KEY_USED_ROUTING_KEY,
      body: report,
      messageType: `${ApiKeyUsedContract.name}.v${ApiKeyUsedContract.version}`,
      messageId: id,
      // a report spans tenants: each use names its own, the header is empty
      headers: { event_id: id, tenant_id: '', request_id: id, attempt: 1, traceparent: childTraceparent() },
    });
  }
}
