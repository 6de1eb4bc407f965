// The app's one broker connection (amqp-connection-manager over amqplib): reconnects after
// the broker restarts or drops us, re-running each channel's setup (topology, consumers).
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import amqp, { AmqpConnectionManager, ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel } from 'amqplib';
import { HERALD_CONFIG, HeraldConfig, redactUrl } from '@herald/platform/config';
import { HERALD_LOGGER, HeraldLogger, ShutdownDrain } from '@herald/platform/observability';
import { ChannelSetup, RecoveringChannel } from './recovering-channel';
import { declareExchanges, TopologyNames } from './topology';

@Injectable()
export class AmqpConnection implements OnApplicationShutdown {
  readonly names: TopologyNames;
  private readonly manager: AmqpConnectionManager;
  private readonly channels = new Set<ChannelWrapper>();
  private readonly recovering: RecoveringChannel[] = [];

  constructor(
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
    private readonly drain: ShutdownDrain,
  ) {
    this.names = new TopologyNames(config.amqpPrefix);
    this.manager = amqp.connect([config.amqpUrl], {
      heartbeatIntervalInSeconds: 10,
      reconnectTimeInSeconds: 1,
      connectionOptions: { clientProperties: { connection_name: `${config.amqpPrefix}${config.appName}:${process.pid}` } },
    });
    this.manager.on('connect', () => this.logger.info({ url: redactUrl(config.amqpUrl) }, 'broker connected'));
    this.manager.on('disconnect', ({ err }) => this.logger.warn({ err: err?.message }, 'broker disconnected; reconnecting'));
    this.manager.on('connectFailed', ({ err }) => this.logger.warn({ err: err?.message }, 'broker connect failed; retrying'));
  }

  isConnected(): boolean {
    return this.manager.isConnected();
  }

  /** A confirm channel whose setup (exchanges first, then `setup`) re-runs on every reconnect and is recreated after a refused setup or a broker-closed channel (see RecoveringChannel). */
  createRecoveringChannel(name: string, setup?: ChannelSetup): RecoveringChannel {
    const opener = { openChannel: (n: string, s: ChannelSetup) => this.openChannel(n, s), isConnected: () => this.isConnected() };
    const channel = new RecoveringChannel(opener, name, this.withExchanges(setup), this.logger);
    this.recovering.push(channel);
    return channel;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.drain.drain();
    await Promise.allSettled([...this.recovering.map((c) => c.close()), ...[...this.channels].map((c) => c.close())]);
    await this.manager.close();
  }

  private withExchanges(setup?: ChannelSetup): ChannelSetup {
    return async (channel: ConfirmChannel) => {
      await declareExchanges(channel, this.names);
      if (setup) await setup(channel);
    };
  }

  private openChannel(name: string, setup: ChannelSetup): ChannelWrapper {
    const wrapper = this.manager.createChannel({ name, confirm: true, json: false, publishTimeout: this.config.amqpPublishTimeoutMs, setup });
    wrapper.on('error', (err: Error) => this.logger.warn({ channel: name, err: err.message }, 'channel error'));
    wrapper.once('close', () => this.channels.delete(wrapper));
    this.channels.add(wrapper);
    return wrapper;
  }
}
