// herald.realtime message: a feed item for the live streams of some users of one tenant
// (or of all its users, from the dev push). Published through notification_outbox; every
// notification-service replica consumes it on its broadcast queue and writes it to the
// matching streams it holds. Routing key `notification.<tenant_id>`.
import { Exchanges, MessageContract, MessageHeaderValues, TenantId, UserId } from '@herald/contracts';
import { OutgoingMessage } from '@herald/platform/messaging';
import type { FeedItem } from '../feed-item';

export interface LiveNotificationMessage {
  contract_version: 1;
  tenant_id: TenantId;
  /** Recipients in `tenant_id`; absent = every live stream of the tenant (dev push only). */
  user_ids?: UserId[];
  /** Which slice of the recipients this is, when they were split over several messages. */
  part: number;
  /** Exactly what GET /notifications lists for each recipient. */
  item: FeedItem;
}

export const LIVE_NOTIFICATION_MESSAGE = 'notification.live';

/** Recipients per message: a notification for a large audience becomes several bounded messages. */
export const LIVE_RECIPIENTS_PER_MESSAGE = 1000;

export function liveRoutingKey(tenantId: TenantId): string {
  return `notification.${tenantId}`;
}

export const LiveNotificationContract = new MessageContract<LiveNotificationMessage>(LIVE_NOTIFICATION_MESSAGE, 1, {
  type: 'object',
  required: ['contract_version', 'tenant_id', 'part', 'item'],
  properties: {
    contract_version: { const: 1 },
    tenant_id: { type: 'string', minLength: 1 },
    user_ids: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
    part: { type: 'integer', minimum: 0 },
    item: {
      type: 'object',
      required: ['id', 'type', 'severity', 'scope', 'title', 'summary', 'content', 'customer_id', 'created_at', 'read', 'read_at', 'actions'],
      properties: {
        id: { type: 'string', minLength: 1 },
        type: { type: 'string' },
        severity: { type: 'string' },
        scope: { type: 'string' },
        title: { type: 'string' },
        summary: { type: 'string' },
        content: { type: 'object' },
        customer_id: { type: ['string', 'null'] },
        created_at: { type: 'string' },
        read: { type: 'boolean' },
        read_at: { type: ['string', 'null'] },
        actions: { type: 'array' },
      },
    },
  },
});

/**
 * The live fan-out of one item: one message per LIVE_RECIPIENTS_PER_MESSAGE recipients (none
 * without recipients), or one for the whole tenant when `userIds` is undefined.
 */
export function liveMessages(tenantId: TenantId, userIds: readonly UserId[] | undefined, item: FeedItem, headers: MessageHeaderValues): OutgoingMessage[] {
  const slices = userIds === undefined ? [undefined] : chunk(userIds, LIVE_RECIPIENTS_PER_MESSAGE);
  return slices.map((slice, part) => {
    const body: LiveNotificationMessage = { contract_version: 1, tenant_id: tenantId, ...(slice && { user_ids: slice }), part, item };
    return {
      exchange: Exchanges.realtime,
      routingKey: liveRoutingKey(tenantId),
      body,
      headers,
      messageType: LIVE_NOTIFICATION_MESSAGE,
      messageId: `${item.id}/${part}`,
    };
  });
}

function chunk<T>(values: readonly T[], size: number): T[][] {
  const slices: T[][] = [];
  for (let i = 0; i < values.length; i += size) slices.push(values.slice(i, i + size));
  return slices;
}
