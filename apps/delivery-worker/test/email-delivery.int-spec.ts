// The email channel end to end: jobs for an address are sent over SMTP_URL (here a real SMTP
// server of the `smtp-server` package) from EMAIL_FROM with a text and an HTML part; a 4xx
// reply is retried with the same Message-ID, a 5xx reply fails the delivery at once.
import { eventually, smsJob } from '@herald/platform/testing';
import { emailJob, DeliverySuite, drainDeadLetters, drainQueue, publishJob, readAttempts, readDelivery, settled, startDeliverySuite } from './delivery-client';
import { mimeParts, SmtpMessage, SmtpReceiver, startSmtpReceiver } from './smtp-receiver';

const TENANT = 'tn_email';
const header = (message: SmtpMessage, name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(message.raw)?.[1];

describe('delivery-worker: email', () => {
  let smtp: SmtpReceiver;
  let suite: DeliverySuite;
  let busyAnswered = false;

  beforeAll(async () => {
    smtp = await startSmtpReceiver((message) => {
      if (message.to.includes('bounce@example.test')) return { code: 550, text: 'No such user here' };
      if (message.to.includes('busy@example.test') && !busyAnswered) {
        busyAnswered = true;
        return { code: 451, text: 'Try again later' };
      }
      return undefined;
    });
    suite = await startDeliverySuite('delivery_email', TENANT, {
      SMTP_URL: smtp.url,
      EMAIL_FROM: 'Herald Alerts <alerts@herald.test>',
      DELIVERY_RETRY_SCHEDULE: '0.3,0.5,1,2',
    });
  });

  afterAll(async () => {
    await suite?.close();
    await smtp?.close();
  });

  it('sends a message with a text and an HTML part to the recipient, with the subject from the event', async () => {
    const job = emailJob(TENANT, 'ops@example.test', {
      type: 'deal.won',
      timestamp: '2026-11-25T12:00:00.000Z',
      data: { title: 'Deal won', summary: 'ACME signed <today>', message: 'Call them back' },
    });
    await publishJob(suite.app, job);
    expect(await settled(suite.app, job.delivery_id)).toMatchObject({ status: 'succeeded', attempts: 1, last_status: 250 });

    const [message] = smtp.received.filter((m) => m.to.includes('ops@example.test'));
    expect(message.from).toBe('alerts@herald.test');
    expect(header(message, 'To')).toBe('ops@example.test');
    expect(header(message, 'From')).toBe('Herald Alerts <alerts@herald.test>');
    expect(header(message, 'Subject')).toBe('Deal won');
    expect(header(message, 'X-Herald-Delivery-Id')).toBe(job.delivery_id);
    expect(header(message, 'Message-ID')).toMatch(/^<[0-9a-f]{40}@herald\.test>$/);
    expect(message.raw).toMatch(/Content-Type: multipart\/alternative/i);
    const parts = mimeParts(message);
    expect(parts['text/plain']).toBe('Deal won\n\nACME signed <today>\n\nCall them back\n\n— Herald · deal.won · 2026-11-25T12:00:00.000Z');
    expect(parts['text/html']).toContain('<h1 style="font-size:18px">Deal won</h1>\n<p>ACME signed &#60;today&#62;</p>\n<p>Call them back</p>');
  });

  it('fails the delivery on a 5xx reply without a retry, and dead-letters it', async () => {
    const job = emailJob(TENANT, 'bounce@example.test');
    await publishJob(suite.app, job);
    expect(await settled(suite.app, job.delivery_id)).toMatchObject({ status: 'failed', attempts: 1, last_status: 550 });
    expect((await readAttempts(suite.app, job.delivery_id)).map((a) => [a.outcome, a.status_code, a.error_class])).toEqual([['fail', 550, 'smtp_status']]);
    const dead = await drainDeadLetters(suite.infra);
    expect(dead.map((m) => [m.fields.routingKey, JSON.parse(m.content.toString()).delivery_id])).toContainEqual(['delivery.email', job.delivery_id]);
  });

  it('retries a 4xx reply and succeeds, with the same Message-ID on both attempts', async () => {
    const job = emailJob(TENANT, 'busy@example.test');
    await publishJob(suite.app, job);
    expect(await settled(suite.app, job.delivery_id)).toMatchObject({ status: 'succeeded', attempts: 2, last_status: 250 });
    expect((await readAttempts(suite.app, job.delivery_id)).map((a) => [a.outcome, a.status_code])).toEqual([
      ['retry', 451],
      ['success', 250],
    ]);
    const sent = smtp.received.filter((m) => m.to.includes('busy@example.test'));
    expect(sent).toHaveLength(2);
    expect(header(sent[1], 'Message-ID')).toBe(header(sent[0], 'Message-ID'));
  });

  it('retries while the SMTP server is away and delivers once it is back', async () => {
    await smtp.close();
    const job = emailJob(TENANT, 'later@example.test');
    await publishJob(suite.app, job);
    await eventually(async () => ((await readDelivery(suite.app, job.delivery_id))?.last_error ? true : undefined), 5000, 'a failed attempt');
    smtp = await startSmtpReceiver(() => undefined, Number(new URL(suite.app.config.smtpUrl ?? '').port));
    expect(await settled(suite.app, job.delivery_id)).toMatchObject({ status: 'succeeded', last_status: 250 });
    const attempts = await readAttempts(suite.app, job.delivery_id);
    expect(attempts[0]).toMatchObject({ outcome: 'retry', error_class: 'network' });
    expect(smtp.received.map((m) => m.to)).toEqual([['later@example.test']]);
  });
});

describe('delivery-worker: email without SMTP_URL, SMS without SMS_PROVIDER_URL', () => {
  let suite: DeliverySuite;

  beforeAll(async () => {
    suite = await startDeliverySuite('delivery_no_smtp', TENANT, {});
  });

  afterAll(async () => {
    await suite?.close();
  });

  it('takes no email job: it waits in herald.unrouted, stored nowhere', async () => {
    const job = emailJob(TENANT, 'ops@example.test');
    await publishJob(suite.app, job);
    const unrouted = await eventually(async () => {
      const messages = await drainQueue(suite.infra, `${suite.infra.amqpPrefix}herald.unrouted`);
      return messages.length > 0 ? messages : undefined;
    }, 5000, 'the job in herald.unrouted');
    expect(unrouted.map((m) => [m.fields.routingKey, JSON.parse(m.content.toString()).delivery_id])).toEqual([['email', job.delivery_id]]);
    expect(await readDelivery(suite.app, job.delivery_id)).toBeUndefined();
  });

  it('takes no SMS job either: it waits in herald.unrouted instead of failing', async () => {
    const job = smsJob(TENANT, '+4915112345678');
    await publishJob(suite.app, job);
    const unrouted = await eventually(async () => {
      const messages = await drainQueue(suite.infra, `${suite.infra.amqpPrefix}herald.unrouted`);
      return messages.length > 0 ? messages : undefined;
    }, 5000, 'the SMS job in herald.unrouted');
    expect(unrouted.map((m) => [m.fields.routingKey, JSON.parse(m.content.toString()).delivery_id])).toEqual([['sms', job.delivery_id]]);
    expect(await readDelivery(suite.app, job.delivery_id)).toBeUndefined();
  });
});
