// Consumes herald.realtime on this replica's own broadcast queue and writes each item to the
// matching live streams held here. Dedup key: the message (`<notification id>/<part>`), in
// LiveStreams' memory of recent messages; a redelivered event never gets here twice, since
// its fan-out is committed only with a new notification.
import { Injectable } from '@nestjs/common';
import { Exchanges } from '@herald/contracts';
import { HandlerOutcome, MessageHandler, Outcome, QueueConsumer, QueueDefinition } from '@herald/platform/messaging';
import { LiveNotificationContract, LiveNotificationMessage } from './live-notification.message';
import { LiveStreams } from './live-streams';

export const LIVE_NOTIFICATIONS_QUEUE: QueueDefinition = {
  name: 'notifications.live',
  kind: 'broadcast',
  bindings: [{ exchange: Exchanges.realtime, pattern: 'notification.#' }],
};

@Injectable()
@QueueConsumer()
export class LiveFanoutConsumer implements MessageHandler<LiveNotificationMessage> {
  readonly queue = LIVE_NOTIFICATIONS_QUEUE;
  readonly contract = LiveNotificationContract;

  constructor(private readonly streams: LiveStreams) {}

  async handle(message: LiveNotificationMessage): Promise<HandlerOutcome> {
    this.streams.push(message.tenant_id, message.user_ids, message.item, `${message.item.id}/${message.part}`);
    return Outcome.done();
  }
}
