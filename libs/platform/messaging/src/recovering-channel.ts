// One logical confirm channel that comes back by itself. amqp-connection-manager re-runs a
// channel's setup only when the whole connection reconnects, so a setup the broker refuses
// (406 on a redeclare) or a channel the broker closes while the connection stays up would
// stay dead. Here each such failure is recorded (state and a reason safe to log), logged once,
// and the channel is recreated after a backoff (1 s doubling to 30 s) until its setup works.
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel } from 'amqplib';
import type { HeraldLogger } from '@herald/platform/observability';

/** `starting`: not set up yet, or reconnecting after the broker dropped us; `failed`: the setup was refused. */
export type ChannelState = 'starting' | 'ready' | 'failed';

export type ChannelSetup = (channel: ConfirmChannel) => Promise<void>;

/** What a RecoveringChannel needs from the connection that owns it. */
export interface ChannelOpener {
  openChannel(name: string, setup: ChannelSetup): ChannelWrapper;
  isConnected(): boolean;
}

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;

/** Wait before the n-th consecutive setup retry (n from 1): 1 s, 2 s, 4 s … capped at 30 s. */
export function setupRetryDelayMs(failures: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
}

/** The broker's reply code and text (`406 PRECONDITION_FAILED - inequivalent arg …`), or the error's own message. */
export function describeChannelFailure(err: unknown): string {
  const error = err instanceof Error ? err : new Error(String(err));
  const code = (error as { code?: unknown }).code;
  const brokerText = /with message "([^"]*)"/.exec(error.message)?.[1] ?? error.message.replace(/^Channel closed by server: /, '');
  const reason = typeof code === 'number' && !brokerText.startsWith(String(code)) ? `${code} ${brokerText}` : brokerText;
  return reason.slice(0, 300);
}

export class RecoveringChannel {
  private wrapper!: ChannelWrapper;
  private generation = 0;
  private failures = 0;
  private readySince = 0;
  private closed = false;
  /** The underlying channel of the current generation, once its setup succeeded. */
  private liveChannel?: ConfirmChannel;
  private status: { state: ChannelState; reason?: string } = { state: 'starting' };
  private markReady!: () => void;
  private readonly firstReady = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor(
    private readonly opener: ChannelOpener,
    readonly name: string,
    private readonly setup: ChannelSetup,
    private readonly logger: HeraldLogger,
  ) {
    this.open(0);
  }

  /** The channel wrapper of the current generation (publish on it; it buffers while reconnecting). */
  get current(): ChannelWrapper {
    return this.wrapper;
  }

  get state(): ChannelState {
    return this.status.state;
  }

  /** Why the last setup failed, while the state is `failed`. */
  get failure(): string | undefined {
    return this.status.reason;
  }

  /** Resolves once a setup has succeeded. */
  whenReady(): Promise<void> {
    return this.firstReady;
  }

  /**
   * Drops `channel` (the broker requeues what it left unacked) and sets up a new one after the
   * backoff — unless `channel` was already replaced, so many callers seeing one broken channel
   * cause one recovery.
   */
  recover(channel: ConfirmChannel, reason: string): void {
    if (channel === this.liveChannel) this.replace(this.generation, reason, 'starting');
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.wrapper.close();
  }

  private open(pauseMs: number): void {
    const generation = ++this.generation;
    let pause = pauseMs;
    this.wrapper = this.opener.openChannel(this.name, (channel) => {
      const wait = pause;
      pause = 0;
      return this.runSetup(generation, channel, wait);
    });
  }

  private async runSetup(generation: number, channel: ConfirmChannel, pauseMs: number): Promise<void> {
    let brokerError: Error | undefined;
    let channelClosed = false;
    // Without an 'error' listener amqplib turns a channel error into a dead connection for every channel.
    channel.on('error', (err: Error) => (brokerError = err));
    channel.once('close', () => {
      channelClosed = true;
      // Closed by the broker after a good setup is a restart; before it, a refused setup.
      if (brokerError) this.replace(generation, describeChannelFailure(brokerError), this.liveChannel === channel ? 'starting' : 'failed');
      else if (generation === this.generation && this.status.state === 'ready') this.status = { state: 'starting' };
    });
    // Waiting inside the setup keeps a live wrapper in place, so publishes buffer instead of failing.
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs).unref());
    if (channelClosed || generation !== this.generation || this.closed) return;
    try {
      await this.setup(channel);
    } catch (err) {
      // A closed channel was handled above: the broker refused it, or the connection dropped
      // and amqp-connection-manager runs this setup again on the next connection.
      if (!channelClosed) this.replace(generation, describeChannelFailure(err), 'failed');
      return;
    }
    if (channelClosed) return;
    this.liveChannel = channel;
    this.readySince = Date.now();
    this.status = { state: 'ready' };
    this.markReady();
  }

  private replace(generation: number, reason: string, state: 'starting' | 'failed'): void {
    if (generation !== this.generation || this.closed) return;
    this.liveChannel = undefined;
    if (this.readySince > 0 && Date.now() - this.readySince >= MAX_RETRY_MS) this.failures = 0;
    this.readySince = 0;
    this.failures++;
    const retryInMs = setupRetryDelayMs(this.failures);
    this.status = state === 'failed' ? { state, reason } : { state };
    const message = state === 'failed' ? 'channel setup failed; retrying' : 'channel restarting';
    this.logger[state === 'failed' ? 'error' : 'warn']({ channel: this.name, reason, retry_in_ms: retryInMs }, message);
    const previous = this.wrapper;
    this.open(retryInMs);
    void previous.close().catch(() => undefined);
  }
}
