// The live fan-out's wire shape: recipients split into bounded messages, each one valid
// under its own contract, on `notification.<tenant>` of herald.realtime.
import { parseTenantId, parseUserId } from '@herald/contracts';
import type { FeedItem } from '../feed-item';
import { LIVE_RECIPIENTS_PER_MESSAGE, LiveNotificationContract, LiveNotificationMessage, liveMessages } from './live-notification.message';

const tenant = parseTenantId('tn_a');
const headers = { event_id: 'e1', tenant_id: 'tn_a', request_id: 'r1', attempt: 1, traceparent: '' };
const item: FeedItem = { id: 'n1', type: 't', severity: 'low', scope: 'ops', title: 'T', summary: 'S', content: { a: 1 }, customer_id: null, created_at: '2026-11-25T00:00:00.000Z', read: false, read_at: null, actions: [] };

describe('liveMessages', () => {
  it('splits the recipients into messages of at most LIVE_RECIPIENTS_PER_MESSAGE, numbered by part, each valid under its contract', () => {
    const users = Array.from({ length: 2 * LIVE_RECIPIENTS_PER_MESSAGE + 5 }, (_, i) => parseUserId(`u${i}`));
    const messages = liveMessages(tenant, users, item, headers);
    const bodies = messages.map((m) => LiveNotificationContract.parse(m.body));
    expect(bodies.map((b) => [b.part, b.user_ids?.length])).toEqual([[0, 1000], [1, 1000], [2, 5]]);
    expect(bodies.flatMap((b) => b.user_ids)).toEqual(users);
    expect(messages.map((m) => [m.exchange, m.routingKey, m.messageId])).toEqual([0, 1, 2].map((part) => ['herald.realtime', 'notification.tn_a', `n1/${part}`]));
  });

  it('makes no message for no recipients, and one without user_ids for the whole tenant', () => {
    expect(liveMessages(tenant, [], item, headers)).toEqual([]);
    const [whole] = liveMessages(tenant, undefined, item, headers);
    expect(whole.body as LiveNotificationMessage).toEqual({ contract_version: 1, tenant_id: 'tn_a', part: 0, item });
  });

  it('refuses a body without its item on consume', () => {
    expect(() => LiveNotificationContract.parse({ contract_version: 1, tenant_id: 'tn_a', part: 0 })).toThrow(/item/);
  });
});
