// Bounds how many message handlers run at once across all of an app's consumers. Handlers do
// database work: with prefetch 50 per consumer and a pool of 10 connections, unbounded
// handlers would queue on the pool and time out there. A message waiting for a slot stays
// unacked, so it goes back to the queue if the app stops first.
export class HandlerSlots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`handler slots must be a positive integer, got ${size}`);
  }

  /** Handlers running now. */
  get busy(): number {
    return this.running;
  }

  /** Handlers waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with a release function once a slot is free; slots are handed out first come, first served. */
  async acquire(): Promise<() => void> {
    if (this.running < this.size) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.handOver();
    };
  }

  private handOver(): void {
    const next = this.waiting.shift();
    // The freed slot passes straight to the next waiter, so `running` stays the same.
    if (next) next();
    else this.running--;
  }
}
