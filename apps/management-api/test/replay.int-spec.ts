// Event replay (SPEC §6, §9): POST /events/:id/replay stores the request, its audit entry and
// its delivery jobs in one transaction before anything is published; the jobs go to
// herald.deliveries (`webhook`) for the tenant's current enabled subscriptions that take the
// event's type and for the callback of the integration it came through, with fresh delivery
// ids; the dispatch is audited once the relay has published them; GET /events/:id shows it.
import { randomUUID } from 'node:crypto';
import { DeliveryJobContract, Exchanges } from '@herald/contracts';
import type { EventDetail, ReplayAccepted } from '@herald/management';
import {
  countMessages,
  createTestInfrastructure,
  eventually,
  seedIntegration,
  seedTenant,
  seedWebhookSubscription,
  startTcpProxy,
  startTestApp,
  TcpProxy,
  TestApp,
  TestInfrastructure,
} from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { seedEvent } from './event-fixtures';
import { auditOf, call, errorPaths, OPERATOR } from './management-client';

const REPLAY = { requested_by: 'ops:jane', reason: 'the partner lost the webhooks of 1 November' };

describe('event replay (operator)', () => {
  let infra: TestInfrastructure;
  let mqProxy: TcpProxy;
  let app: TestApp;
  let eventId: string;
  let integrationId: string;
  /** Subscriptions of tn_r by what they should get. */
  const subs: Record<'exact' | 'wildcard' | 'every' | 'otherType' | 'disabled' | 'otherTenant', string> = {} as never;
  const replay = (id: string, body: unknown = REPLAY, headers: Record<string, string> = OPERATOR) => call<ReplayAccepted>(app, 'POST', `/events/${id}/replay`, headers, body);
  const requestRow = async (id: string) =>
    ((await app.dataSource.query(`SELECT event_id::text, tenant_id, requested_by, reason, delivery_ids, dispatched_at FROM replay_requests WHERE id = $1`, [id])) as Array<Record<string, unknown>>)[0];
  const expectedIds = (replayId: string) => [
    ...[subs.exact, subs.wildcard, subs.every].sort().map((sub) => `${eventId}:${sub}:replay:${replayId}`),
    `${eventId}:callback:replay:${replayId}`,
  ];

  beforeAll(async () => {
    infra = await createTestInfrastructure('management_replay');
    mqProxy = await startTcpProxy(infra.amqpUrl);
    app = await startTestApp(APP_DEFAULTS, (c, logger) => AppModule.forRoot(c, logger), infra, { AMQP_URL: mqProxy.url, LOG_LEVEL: 'fatal' });
    await seedTenant(app.dataSource, 'tn_r', []);
    await seedTenant(app.dataSource, 'tn_other', []);
    const hook = (tenantId: string, eventTypes: string[], enabled = true) =>
      seedWebhookSubscription(app.dataSource, app.config, tenantId, { url: 'http://127.0.0.1:9/hook', eventTypes, enabled }).then((s) => s.id);
    subs.exact = await hook('tn_r', ['lead.converted']);
    subs.wildcard = await hook('tn_r', ['review.created', 'lead.*']);
    subs.every = await hook('tn_r', []);
    subs.otherType = await hook('tn_r', ['leads.*', 'sync.failed']);
    subs.disabled = await hook('tn_r', ['lead.converted'], false);
    subs.otherTenant = await hook('tn_other', []);
    integrationId = await seedIntegration(app.dataSource, app.config, 'tn_r', { provider: 'acme', callbackUrl: 'http://127.0.0.1:9/callback', credentials: { secret: 's' } });
    const at = new Date().toISOString();
    eventId = await seedEvent(app, { tenantId: 'tn_r', type: 'lead.converted', occurredAt: at, receivedAt: at });
    await app.dataSource.query(`UPDATE events SET integration_id = $2 WHERE id = $1`, [eventId, integrationId]);
  });

  afterAll(async () => {
    mqProxy?.restore();
    await app?.close();
    await mqProxy?.close();
    await infra?.teardown();
  });

  it('answers 202, publishes one job per matching current subscription and the callback, and audits initiation and dispatch', async () => {
    const jobs = await countMessages(infra, Exchanges.deliveries, 'webhook');
    try {
      const res = await replay(eventId);
      expect(res.status).toBe(202);
      expect(res.body.data).toEqual({ replay_request_id: expect.stringMatching(/^[0-9a-f-]{36}$/), event_id: eventId });
      const replayId = res.body.data.replay_request_id;
      const expected = expectedIds(replayId);
      await eventually(async () => (expected.every((id) => jobs.received.has(id)) ? true : undefined), 15_000, 'every replay job published');
      expect([...jobs.received.keys()].sort()).toEqual([...expected].sort());
      const callback = DeliveryJobContract.parse(jobs.bodies.get(`${eventId}:callback:replay:${replayId}`));
      expect(callback).toMatchObject({ tenant_id: 'tn_r', event_id: eventId, channel: 'webhook', destination: { kind: 'integration', integration_id: integrationId } });
      const exact = DeliveryJobContract.parse(jobs.bodies.get(`${eventId}:${subs.exact}:replay:${replayId}`));
      expect(exact).toEqual({
        contract_version: 1,
        delivery_id: `${eventId}:${subs.exact}:replay:${replayId}`,
        tenant_id: 'tn_r',
        event_id: eventId,
        channel: 'webhook',
        destination: { kind: 'webhook_subscription', subscription_id: subs.exact },
        event: { type: 'lead.converted', timestamp: expect.any(String), data: { impact_amount: 10, impact_type: 'gain' } },
      });
      expect(jobs.received.get(exact.delivery_id)?.headers).toMatchObject({ event_id: eventId, tenant_id: 'tn_r', request_id: res.body.meta.request_id });

      const row = await eventually(async () => {
        const r = await requestRow(replayId);
        return r.dispatched_at ? r : undefined;
      }, 15_000, 'the request marked dispatched');
      expect(row).toMatchObject({ event_id: eventId, tenant_id: 'tn_r', requested_by: REPLAY.requested_by, reason: REPLAY.reason });
      expect([...(row.delivery_ids as string[])].sort()).toEqual([...expected].sort());
      const audit = (await auditOf(app, 'event', eventId)).filter((e) => e.action.startsWith('event.replay'));
      expect(audit).toEqual([
        expect.objectContaining({ action: 'event.replay_requested', actor: 'operator', tenant_id: 'tn_r', request_id: res.body.meta.request_id }),
        expect.objectContaining({ action: 'event.replay_dispatched', actor: 'operator', tenant_id: 'tn_r', request_id: res.body.meta.request_id }),
      ]);

      const detail = await call<EventDetail>(app, 'GET', `/events/${eventId}`, OPERATOR);
      expect(detail.body.data.replays).toContainEqual({
        id: replayId,
        requested_by: REPLAY.requested_by,
        reason: REPLAY.reason,
        delivery_ids: row.delivery_ids,
        created_at: expect.any(String),
        dispatched_at: expect.any(String),
      });
    } finally {
      await jobs.close();
    }
  });

  it('gives every replay fresh delivery ids', async () => {
    const first = await replay(eventId);
    const second = await replay(eventId);
    const [a, b] = await Promise.all([requestRow(first.body.data.replay_request_id), requestRow(second.body.data.replay_request_id)]);
    expect(a.delivery_ids).toHaveLength(4);
    expect((a.delivery_ids as string[]).filter((id) => (b.delivery_ids as string[]).includes(id))).toEqual([]);
  });

  it('stores the request while the broker is down, and publishes and audits its dispatch once it is back', async () => {
    const jobs = await countMessages(infra, Exchanges.deliveries, 'webhook');
    try {
      mqProxy.cut();
      const res = await replay(eventId);
      expect(res.status).toBe(202);
      const replayId = res.body.data.replay_request_id;
      const expected = expectedIds(replayId);
      // a few relay sweeps go by with the broker away: the jobs wait in the outbox, undispatched
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await requestRow(replayId)).dispatched_at).toBeNull();
      const waiting = (await app.dataSource.query(`SELECT message_id FROM management_outbox WHERE message_id = ANY($1::text[])`, [expected])) as Array<{ message_id: string }>;
      expect(waiting.map((r) => r.message_id).sort()).toEqual([...expected].sort());
      const actions = (await auditOf(app, 'event', eventId)).filter((e) => e.request_id === res.body.meta.request_id).map((e) => e.action);
      expect(actions).toEqual(['event.replay_requested']);
      expect(expected.some((id) => jobs.received.has(id))).toBe(false);

      mqProxy.restore();
      await eventually(async () => (expected.every((id) => jobs.received.has(id)) ? true : undefined), 30_000, 'the stored replay published after the broker came back');
      await eventually(async () => ((await requestRow(replayId)).dispatched_at ? true : undefined), 15_000, 'the request marked dispatched');
      const after = (await auditOf(app, 'event', eventId)).filter((e) => e.request_id === res.body.meta.request_id).map((e) => e.action);
      expect(after).toEqual(['event.replay_requested', 'event.replay_dispatched']);
    } finally {
      mqProxy.restore();
      await jobs.close();
    }
  });

  it('sends nothing to webhooks of a tenant whose plan has none, still to the callback', async () => {
    await seedTenant(app.dataSource, 'tn_starter', [], 'starter');
    await seedWebhookSubscription(app.dataSource, app.config, 'tn_starter', { url: 'http://127.0.0.1:9/hook' });
    const at = new Date().toISOString();
    const starterEvent = await seedEvent(app, { tenantId: 'tn_starter', occurredAt: at, receivedAt: at });
    const res = await replay(starterEvent);
    expect(res.status).toBe(202);
    expect((await requestRow(res.body.data.replay_request_id)).delivery_ids).toEqual([]);
    await eventually(async () => ((await requestRow(res.body.data.replay_request_id)).dispatched_at ? true : undefined), 15_000, 'an empty replay marked dispatched');
  });

  it('answers 404 for an unknown or malformed event id, 400 naming a bad field, 401 without the operator key — storing nothing', async () => {
    const before = (await app.dataSource.query(`SELECT count(*)::int AS n FROM replay_requests`)) as Array<{ n: number }>;
    const unknown = await replay(randomUUID());
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('RESOURCE_NOT_FOUND');
    expect((await replay('evt-1')).status).toBe(404);
    for (const [body, path] of [
      [{ reason: 'x' }, 'requested_by'],
      [{ requested_by: 'ops:jane' }, 'reason'],
      [{ requested_by: '   ', reason: 'x' }, 'requested_by'],
      [{ requested_by: 'ops:jane', reason: 'x'.repeat(1001) }, 'reason'],
      [{ requested_by: 42, reason: 'x' }, 'requested_by'],
    ] as const) {
      const res = await replay(eventId, body);
      expect(res.status).toBe(400);
      expect(errorPaths(res)).toContain(path);
    }
    expect((await replay(eventId, '"replay"')).status).toBe(400);
    for (const headers of [{}, { 'x-internal-api-key': 'wrong-key' }] as Array<Record<string, string>>) expect((await replay(eventId, REPLAY, headers)).status).toBe(401);
    const after = (await app.dataSource.query(`SELECT count(*)::int AS n FROM replay_requests`)) as Array<{ n: number }>;
    expect(after[0].n).toBe(before[0].n);
  });
});
