import { randomUUID } from 'node:crypto';
import { DeliveryJobContract } from '@herald/contracts';
import { replayJobs } from './replay-jobs';
import { ReplayableEvent } from './replay-target.reader';

const HEADERS = { event_id: 'e', tenant_id: 'tn_a', request_id: 'req-1', attempt: 1, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };

function event(overrides: Partial<ReplayableEvent> = {}): ReplayableEvent {
  return { id: randomUUID(), tenant_id: 'tn_a', type: 'lead.converted', occurred_at: new Date('2026-11-01T10:00:00Z'), payload: { lead_id: 'l1' }, integration_id: null, ...overrides };
}

describe('replayJobs', () => {
  const replayId = randomUUID();
  const [exact, wildcard, all, other] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const subscriptions = [
    { id: exact, event_types: ['lead.converted'] },
    { id: wildcard, event_types: ['lead.*'] },
    { id: all, event_types: [] },
    { id: other, event_types: ['review.created', 'leads.*'] },
  ];

  it('makes one webhook job per subscription that takes the type, with a fresh delivery id naming the replay', () => {
    const e = event();
    const jobs = replayJobs(e, replayId, { subscriptions, callbackIntegrationId: null }, HEADERS);
    expect(jobs.map((j) => j.messageId)).toEqual([exact, wildcard, all].map((s) => `${e.id}:${s}:replay:${replayId}`));
    expect(jobs[0]).toMatchObject({ exchange: 'herald.deliveries', routingKey: 'webhook', messageType: 'delivery.job', headers: HEADERS });
    const body = DeliveryJobContract.parse(jobs[0].body);
    expect(body).toEqual({
      contract_version: 1,
      delivery_id: `${e.id}:${exact}:replay:${replayId}`,
      tenant_id: 'tn_a',
      event_id: e.id,
      channel: 'webhook',
      destination: { kind: 'webhook_subscription', subscription_id: exact },
      event: { type: 'lead.converted', timestamp: '2026-11-01T10:00:00.000Z', data: { lead_id: 'l1' } },
    });
  });

  it('adds the integration callback when there is one', () => {
    const integrationId = randomUUID();
    const e = event({ integration_id: integrationId });
    const jobs = replayJobs(e, replayId, { subscriptions: [], callbackIntegrationId: integrationId }, HEADERS);
    expect(jobs.map((j) => j.messageId)).toEqual([`${e.id}:callback:replay:${replayId}`]);
    expect(jobs[0].body).toMatchObject({ destination: { kind: 'integration', integration_id: integrationId } });
  });

  it('makes nothing when nothing takes the event', () => {
    expect(replayJobs(event({ type: 'sync.failed' }), replayId, { subscriptions: [subscriptions[0]], callbackIntegrationId: null }, HEADERS)).toEqual([]);
  });
});
