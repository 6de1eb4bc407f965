// Expired Idempotency-Keys are deleted every IDEMPOTENCY_PURGE_INTERVAL_MS on every replica
// that stores events (the delete is batched and idempotent, so replicas need no coordination).
// An expired key that is still there is already treated as free by the writer's reservation.
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { HERALD_LOGGER, HeraldLogger } from '@herald/platform/observability';
import { OutboxRepository } from './outbox.repository';

@Injectable()
export class IdempotencyKeyPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly repository: OutboxRepository,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.purge(), this.config.outbox.idempotencyPurgeIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Deletes what has expired; a failure is logged and retried at the next interval. */
  async purge(): Promise<number> {
    try {
      const purged = await this.repository.purgeExpiredKeys();
      if (purged > 0) this.logger.info({ purged }, 'expired idempotency keys purged');
      return purged;
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'expired idempotency keys could not be purged; retrying at the next interval');
      return 0;
    }
  }
}
