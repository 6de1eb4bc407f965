// Consumes delivery jobs from herald.deliveries (one binding per channel that has a
// configured sender; the bindings of the others are retired, so their jobs wait in
// herald.unrouted instead of piling up here) and stores each once; the dispatcher sends it at once and retries it on schedule.
// Dedup key: delivery_id — a redelivered job, or one whose delivery already succeeded, is
// acked without another send.
import { Injectable } from '@nestjs/common';
import { DeliveryChannel, DeliveryJobContract, DeliveryJobMessage, Exchanges, parseTenantId } from '@herald/contracts';
import { HandlerOutcome, MessageContext, MessageHandler, Outcome, QueueConsumer, QueueDefinition } from '@herald/platform/messaging';
import { ChannelRegistry } from './channel.registry';
import { DeliveryDispatcher } from './delivery.dispatcher';
import { DeliveryRepository } from './delivery.repository';
import { destinationKey } from './delivery-target.resolver';

export const DELIVERY_JOBS_QUEUE = 'delivery.jobs';

/** Every channel a delivery job may name (exhaustive over the contract's). */
const JOB_CHANNELS = Object.keys({ webhook: true, email: true, sms: true } satisfies Record<DeliveryJobMessage['channel'], true>) as DeliveryChannel[];

@Injectable()
@QueueConsumer()
export class DeliveryJobConsumer implements MessageHandler<DeliveryJobMessage> {
  readonly queue: QueueDefinition;
  readonly contract = DeliveryJobContract;

  constructor(
    registry: ChannelRegistry,
    private readonly deliveries: DeliveryRepository,
    private readonly dispatcher: DeliveryDispatcher,
  ) {
    const sent = registry.channels();
    const binding = (channel: DeliveryChannel) => ({ exchange: Exchanges.deliveries, pattern: channel });
    this.queue = {
      name: DELIVERY_JOBS_QUEUE,
      bindings: sent.map(binding),
      // a channel bound by an earlier run whose service is no longer configured (SMTP_URL removed)
      retiredBindings: JOB_CHANNELS.filter((channel) => !sent.includes(channel)).map(binding),
    };
  }

  async handle(job: DeliveryJobMessage, context: MessageContext): Promise<HandlerOutcome> {
    const stored = await this.deliveries.accept(parseTenantId(job.tenant_id), job, destinationKey(job.destination), {
      requestId: context.headers.request_id,
      traceparent: context.headers.traceparent,
    });
    if (stored) this.dispatcher.poke();
    return Outcome.done();
  }
}
