// Audits a replay at dispatch (SPEC §9): every OUTBOX_SWEEP_INTERVAL_MS it marks the waiting
// replay requests whose jobs the relay has all published (confirmed and deleted from
// management_outbox) as dispatched, with an `event.replay_dispatched` audit entry in the same
// transaction. Replicas share the work (SKIP LOCKED); a request is dispatched once. While the
// broker is away the jobs stay in the outbox and so do the requests' `dispatched_at: null`.
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { HERALD_LOGGER, HeraldLogger, ShutdownDrain } from '@herald/platform/observability';
import { ReplayRequestRepository } from './replay-request.repository';
import { dispatchAudit } from './replay.service';

const BATCH = 100;

@Injectable()
export class ReplayDispatchWatcher implements OnApplicationBootstrap {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly replays: ReplayRequestRepository,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
    drain: ShutdownDrain,
  ) {
    // before the relay (20) and the database: a check in flight finishes first
    drain.register('replay-dispatch-watcher', 15, () => this.stop());
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  /** One pass: marks (and audits) every waiting request whose jobs are all published; returns how many. */
  async checkOnce(): Promise<number> {
    let marked = 0;
    for (;;) {
      const batch = await this.replays.markDispatched(BATCH, dispatchAudit);
      marked += batch.length;
      if (batch.length < BATCH) return marked;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.checkOnce()
        .then(() => undefined)
        .catch((err: Error) => this.logger.warn({ err: err.message }, 'replay dispatch check failed; will try again'))
        .finally(() => {
          this.running = undefined;
          this.schedule();
        });
    }, this.config.outbox.sweepIntervalMs);
  }

  private async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
