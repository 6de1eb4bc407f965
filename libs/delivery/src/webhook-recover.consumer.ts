// Consumes management's `webhook_subscription.recover` commands (herald.reports) and re-queues
// what the subscription missed in the window: its deliveries created in [since, until) that
// ended `failed` or wait `paused` become due at once, with the same delivery id (the same
// `webhook-id`) and a fresh attempt budget; the dispatcher sends them as its capacity,
// per-destination limits and the circuit allow. Dedup key: recover_request_id
// (delivery_recoveries), so a redelivered command re-queues nothing twice.
import { Inject, Injectable } from '@nestjs/common';
import { Exchanges, parseTenantId, WEBHOOK_RECOVER_ROUTING_KEY, WebhookRecoverContract, WebhookRecoverMessage } from '@herald/contracts';
import { HandlerOutcome, MessageContext, MessageHandler, Outcome, QueueConsumer, QueueDefinition } from '@herald/platform/messaging';
import { HERALD_LOGGER, HeraldLogger } from '@herald/platform/observability';
import { DeliveryDispatcher } from './delivery.dispatcher';
import { DeliveryRepository } from './delivery.repository';
import { destinationKey } from './delivery-target.resolver';

export const WEBHOOK_RECOVER_QUEUE: QueueDefinition = {
  name: 'delivery.webhook-recover',
  bindings: [{ exchange: Exchanges.reports, pattern: WEBHOOK_RECOVER_ROUTING_KEY }],
};

@Injectable()
@QueueConsumer()
export class WebhookRecoverConsumer implements MessageHandler<WebhookRecoverMessage> {
  readonly queue = WEBHOOK_RECOVER_QUEUE;
  readonly contract = WebhookRecoverContract;

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly dispatcher: DeliveryDispatcher,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
  ) {}

  async handle(command: WebhookRecoverMessage, context: MessageContext): Promise<HandlerOutcome> {
    const requeued = await this.deliveries.recover(parseTenantId(command.tenant_id), {
      id: command.recover_request_id,
      destinationKey: destinationKey({ kind: 'webhook_subscription', subscription_id: command.subscription_id }),
      since: new Date(command.since),
      until: new Date(command.until),
      requestId: context.headers.request_id,
    });
    this.logger.info({ recover_request_id: command.recover_request_id, subscription_id: command.subscription_id, requeued }, 'webhook recover applied');
    if (requeued) this.dispatcher.poke();
    return Outcome.done();
  }
}
