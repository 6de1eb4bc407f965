// The email and SMS fan-out (SPEC §7): a notification's recipients who want it by email or SMS
// (their preferences; defaults: email on, SMS off) and have an address or number in the
// directory get one delivery job each on herald.deliveries, committed with the notification;
// a recipient who turned the feed off can still get the email; a redelivered event queues
// nothing more.
import { DeliveryJobMessage, Exchanges } from '@herald/contracts';
import { countMessages, createTestInfrastructure, eventMessage, eventually, MessageCounter, seedTenant, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';
import { publishEvent } from './feed-client';

const TENANT = 'tn_contacts';

describe('notification-service email and SMS fan-out', () => {
  let infra: TestInfrastructure;
  let app: TestApp;
  let email: MessageCounter;
  let sms: MessageCounter;

  beforeAll(async () => {
    infra = await createTestInfrastructure('ns_contacts');
    app = await startTestApp(APP_DEFAULTS, (c) => AppModule.forRoot(c), infra);
    await seedTenant(app.dataSource, TENANT, [
      { id: 'u_mail', roles: ['ops'], email: 'mail@example.test' },
      { id: 'u_sms', roles: ['ops'], email: null, phone: '+4915112345678' },
      { id: 'u_nowhere', roles: ['ops'], email: null },
      { id: 'u_no_feed', roles: ['ops'], email: 'nofeed@example.test' },
    ]);
    const prefs = (user: string, body: unknown) =>
      fetch(`${app.url}/api/v1/notifications/preferences`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${app.token({ sub: user, tenant_id: TENANT, scope: ['notifications:read'] })}` },
        body: JSON.stringify(body),
      });
    expect((await prefs('u_sms', { channels: { sms: true } })).status).toBe(200);
    expect((await prefs('u_no_feed', { channels: { in_app: false } })).status).toBe(200);
    email = await countMessages(infra, Exchanges.deliveries, 'email');
    sms = await countMessages(infra, Exchanges.deliveries, 'sms');
  });

  afterAll(async () => {
    await email?.close();
    await sms?.close();
    await app?.close();
    await infra?.teardown();
  });

  it('queues one email per recipient with an address who wants it, one SMS per recipient with a number who wants it', async () => {
    const message = eventMessage({ tenant_id: TENANT, type: 'resource_usage', payload: { resource_type: 'disk', usage: 91, title: 'Disk almost full', summary: 'db-1 at 91 %' } });
    await publishEvent(app, message);
    await eventually(async () => (email.ids.length >= 2 && sms.ids.length >= 1 ? true : undefined), 10_000, 'the email and SMS jobs');
    const jobs = (counter: MessageCounter) =>
      [...counter.bodies.values()].map((b) => b as DeliveryJobMessage).filter((job) => job.event_id === message.event_id);
    const emails = jobs(email);
    expect(emails.map((j) => j.destination).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      { kind: 'email', address: 'mail@example.test' },
      { kind: 'email', address: 'nofeed@example.test' },
    ]);
    expect(emails[0]).toMatchObject({ channel: 'email', tenant_id: TENANT, event: { type: 'resource_usage', data: { title: 'Disk almost full', summary: 'db-1 at 91 %' } } });
    expect(jobs(sms).map((j) => j.destination)).toEqual([{ kind: 'sms', phone: '+4915112345678' }]);
    const feedUsers: Array<{ user_id: string }> = await app.dataSource.query(
      `SELECT r.user_id FROM notification_recipients r JOIN notifications n ON n.id = r.notification_id WHERE n.event_id = $1 ORDER BY r.user_id`,
      [message.event_id],
    );
    expect(feedUsers.map((r) => r.user_id)).toEqual(['u_mail', 'u_nowhere', 'u_sms']);

    await publishEvent(app, message);
    await new Promise((r) => setTimeout(r, 1000));
    expect(email.duplicates() + sms.duplicates()).toBe(0);
    expect(jobs(email)).toHaveLength(2);
  });
});
