// Graceful shutdown order: components that hold in-flight work (outbox writer, relay,
// consumers) register a drain step; connection owners (database, broker, Redis) await
// the drain before they close, so nothing in flight loses its connection.
import { Inject, Injectable } from '@nestjs/common';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { HERALD_LOGGER } from './tokens';
import { TimeoutError, withTimeout } from './with-timeout';
import { HeraldLogger } from './logger';

type DrainStep = { name: string; order: number; run: () => Promise<void> };

@Injectable()
export class ShutdownDrain {
  private readonly steps: DrainStep[] = [];
  private drained?: Promise<void>;
  private draining = false;

  constructor(
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
  ) {}

  /** Lower `order` drains first (e.g. outbox writer 10 before relay 20). */
  register(name: string, order: number, run: () => Promise<void>): void {
    this.steps.push({ name, order, run });
  }

  get isDraining(): boolean {
    return this.draining;
  }

  markDraining(): void {
    this.draining = true;
  }

  /** Runs every step once, in order, bounded by SHUTDOWN_GRACE_MS. */
  drain(): Promise<void> {
    this.draining = true;
    this.drained ??= this.runSteps();
    return this.drained;
  }

  private async runSteps(): Promise<void> {
    const deadline = Date.now() + this.config.shutdownGraceMs;
    for (const step of [...this.steps].sort((a, b) => a.order - b.order)) {
      try {
        this.logger.debug({ step: step.name }, 'shutdown drain step');
        await withTimeout(step.run(), Math.max(0, deadline - Date.now()));
      } catch (err) {
        if (err instanceof TimeoutError) this.logger.warn({ step: step.name }, 'shutdown drain step timed out');
        else this.logger.error({ step: step.name, err }, 'shutdown drain step failed');
      }
    }
    this.logger.debug('shutdown drain complete');
  }
}
