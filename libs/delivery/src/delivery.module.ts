// The delivery context: channel senders behind one registry, and — with `worker` — the job
// consumer, the Postgres-scheduled dispatcher and what they read and write. `forRoot()`
// registers the channels of CHANNEL_SENDERS; a test passes its own list.
import { DynamicModule, Module, Type } from '@nestjs/common';
import { ChannelSender } from './channel-sender';
import { ChannelRegistry } from './channel.registry';
import { CHANNEL_SENDERS } from './channels';
import { CircuitRepository } from './circuit.repository';
import { DeliveryAttemptRunner } from './delivery-attempt.runner';
import { DeliveryDispatcher } from './delivery.dispatcher';
import { DeliveryJobConsumer } from './delivery-job.consumer';
import { DeliveryRepository } from './delivery.repository';
import { DeliveryTargetResolver } from './delivery-target.resolver';
import { OutboundHttp } from './outbound-http';
import { WebhookSubscriptionReader } from './webhook-subscription.reader';

@Module({})
export class DeliveryModule {
  static forRoot(senders: ReadonlyArray<Type<ChannelSender>> = CHANNEL_SENDERS, options: { worker?: boolean } = {}): DynamicModule {
    const worker = options.worker
      ? [WebhookSubscriptionReader, DeliveryTargetResolver, DeliveryRepository, CircuitRepository, DeliveryAttemptRunner, DeliveryDispatcher, DeliveryJobConsumer]
      : [];
    return {
      module: DeliveryModule,
      providers: [
        ...worker,
        OutboundHttp,
        ...senders,
        { provide: ChannelRegistry, inject: [...senders], useFactory: (...instances: ChannelSender[]) => new ChannelRegistry(instances) },
      ],
      exports: [ChannelRegistry],
    };
  }
}
