// The delivery context: channel senders behind one registry, and — with `worker` — the job
// consumer, the Postgres-scheduled dispatcher and what they read and write; with `analytics`
// (PostHog configured) the consumer that captures accepted events in PostHog. `forRoot()`
// registers the channels of CHANNEL_SENDERS; a test passes its own list.
import { DynamicModule, Module, Type } from '@nestjs/common';
import { credentialsCipherProvider } from '@herald/platform/auth';
import { AnalyticsEventConsumer } from './analytics-event.consumer';
import { ChannelSender } from './channel-sender';
import { ChannelRegistry } from './channel.registry';
import { CHANNEL_SENDERS } from './channels';
import { CircuitRepository } from './circuit.repository';
import { DeliveryAttemptRunner } from './delivery-attempt.runner';
import { DeliveryDispatcher } from './delivery.dispatcher';
import { DeliveryJobConsumer } from './delivery-job.consumer';
import { DeliveryRepository } from './delivery.repository';
import { DeliveryTargetResolver } from './delivery-target.resolver';
import { IntegrationCallbackReader } from './integration-callback.reader';
import { OutboundHttp } from './outbound-http';
import { PosthogCapture } from './posthog-capture';
import { WebhookRecoverConsumer } from './webhook-recover.consumer';
import { WebhookSubscriptionReader } from './webhook-subscription.reader';

@Module({})
export class DeliveryModule {
  static forRoot(senders: ReadonlyArray<Type<ChannelSender>> = CHANNEL_SENDERS, options: { worker?: boolean; analytics?: boolean } = {}): DynamicModule {
    const worker = options.worker
      ? [credentialsCipherProvider, WebhookSubscriptionReader, IntegrationCallbackReader, DeliveryTargetResolver, DeliveryRepository, CircuitRepository, DeliveryAttemptRunner, DeliveryDispatcher, DeliveryJobConsumer, WebhookRecoverConsumer]
      : [];
    const analytics = options.analytics ? [PosthogCapture, AnalyticsEventConsumer] : [];
    return {
      module: DeliveryModule,
      providers: [
        ...worker,
        ...analytics,
        OutboundHttp,
        ...senders,
        { provide: ChannelRegistry, inject: [...senders], useFactory: (...instances: ChannelSender[]) => new ChannelRegistry(instances) },
      ],
      exports: [ChannelRegistry],
    };
  }
}
