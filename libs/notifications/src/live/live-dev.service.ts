// The dev/test pushes (SPEC §7, seed 004), both through notification_outbox so they are
// published with confirms like everything else: `trigger` sends an event to herald.events
// that the consumer turns into a stored notification (and its live push); `push` sends a
// feed item straight to herald.realtime, to the live streams of the caller's tenant on every
// replica, storing nothing.
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventAcceptedMessage, eventRoutingKey, Exchanges, parseUserId, Principal, tenantIdOf, userIdOf } from '@herald/contracts';
import { OutboxTable, TransactionalOutbox } from '@herald/platform/outbox';
import { routeFor } from '../alert-routing';
import { messageHeaders } from '../message-headers';
import { NOTIFICATION_OUTBOX } from '../notification-outbox';
import { FeedItem } from '../feed-item';
import { DevNotificationDto, devNotificationType, devPayload } from './dev-notification.dto';
import { liveMessages } from './live-notification.message';

@Injectable()
export class LiveDevService {
  constructor(
    private readonly outbox: TransactionalOutbox,
    @Inject(NOTIFICATION_OUTBOX) private readonly table: OutboxTable,
  ) {}

  /** Publishes a notification event for `user_ids` (default: the caller) in the caller's tenant. */
  async trigger(principal: Principal, body: DevNotificationDto): Promise<{ event_id: string; queued: true }> {
    const tenantId = tenantIdOf(principal);
    const now = new Date().toISOString();
    const event: EventAcceptedMessage = {
      contract_version: 1,
      event_id: randomUUID(),
      tenant_id: tenantId,
      kind: 'notification',
      type: devNotificationType(body),
      source: 'dev.trigger',
      schema_version: 1,
      occurred_at: now,
      received_at: now,
      payload: devPayload(body),
      recipients: { users: body.user_ids?.map((id) => parseUserId(id)) ?? [userIdOf(principal)] },
      customer_id: body.customer_id ?? null,
    };
    await this.outbox.run(this.table, async (_tx, enqueue) =>
      enqueue({
        exchange: Exchanges.events,
        routingKey: eventRoutingKey(event.kind, event.type),
        body: event,
        headers: messageHeaders(event.event_id, tenantId),
        messageType: 'event.accepted',
        messageId: event.event_id,
      }),
    );
    return { event_id: event.event_id, queued: true };
  }

  /** Sends an unstored item to the live streams of `user_ids` (default: every user of the caller's tenant). */
  async push(principal: Principal, body: DevNotificationDto): Promise<{ id: string; queued: true }> {
    const tenantId = tenantIdOf(principal);
    const type = devNotificationType(body);
    const item: FeedItem = {
      id: randomUUID(),
      type,
      severity: body.severity ?? 'medium',
      scope: routeFor(type).scope,
      title: body.title,
      summary: body.content ?? '',
      content: devPayload(body),
      customer_id: body.customer_id ?? null,
      created_at: new Date().toISOString(),
      read: false,
      read_at: null,
      actions: [],
    };
    const userIds = body.user_ids?.map((id) => parseUserId(id));
    await this.outbox.run(this.table, async (_tx, enqueue) => liveMessages(tenantId, userIds, item, messageHeaders(item.id, tenantId)).forEach(enqueue));
    return { id: item.id, queued: true };
  }
}
