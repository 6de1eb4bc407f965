// Graceful shutdown order: components that hold in-flight work (outbox writer, relay,
// consumers) register a drain step; connection owners (database, broker, Redis) await
// the drain before they close, so nothing in flight loses its connection.
import { Inject, Injectable } from '@nestjs/common';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { HERALD_LOGGER } from './tokens';
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
      const left = Math.max(0, deadline - Date.now());
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), left)));
      try {
        this.logger.debug({ step: step.name }, 'shutdown drain step');
        const result = await Promise.race([step.run().then(() => 'ok' as const), timeout]);
        if (result === 'timeout') this.logger.warn({ step: step.name }, 'shutdown drain step timed out');
      } catch (err) {
        this.logger.error({ step: step.name, err }, 'shutdown drain step failed');
      } finally {
        clearTimeout(timer);
      }
    }
    this.logger.debug('shutdown drain complete');
  }
}
