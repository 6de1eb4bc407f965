import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ConfigModule, loadConfig } from '@herald/platform/config';
import { ChannelSender, DeliveryJob, SendContext } from './channel-sender';
import { ChannelRegistry, MAX_RECORDED_RESPONSE_BYTES } from './channel.registry';
import { DeliveryModule } from './delivery.module';

/** A channel registered the way a real one will be: an injectable sender in the list. */
@Injectable()
class FakeSmsSender implements ChannelSender {
  readonly channel = 'sms' as const;
  readonly sent: Array<{ job: DeliveryJob; context: SendContext }> = [];

  async send(job: DeliveryJob, context: SendContext) {
    this.sent.push({ job, context });
    if (job.payload['hang']) await new Promise((_resolve, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason)));
    if (job.payload['explode']) throw new Error('provider SDK blew up');
    return { outcome: 'success' as const, status: 202, responseBody: String(job.payload['reply'] ?? 'queued') };
  }
}

const job = (over: Partial<DeliveryJob> = {}): DeliveryJob => ({
  deliveryId: 'd1',
  tenantId: 'tn_a',
  eventId: 'e1',
  channel: 'sms',
  attempt: 1,
  destination: '+15550100',
  payload: {},
  ...over,
});

const testConfig = (env: Record<string, string> = {}) => ConfigModule.forRoot(loadConfig({ appName: 'delivery-unit', port: 0 }, env));

describe('ChannelRegistry', () => {
  it('is built by DeliveryModule from the list it is given, and finds a sender by its channel', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [testConfig(), DeliveryModule.forRoot([FakeSmsSender])] }).compile();
    const registry = moduleRef.get(ChannelRegistry);
    expect(registry.channels()).toEqual(['sms']);
    expect(registry.get('sms')).toBeInstanceOf(FakeSmsSender);
  });

  it('registers the webhook channel by default, sms only with SMS_PROVIDER_URL and email only with SMTP_URL', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [testConfig(), DeliveryModule.forRoot()] }).compile();
    expect(moduleRef.get(ChannelRegistry).channels()).toEqual(['webhook']);
    await moduleRef.close();
    const withBoth = await Test.createTestingModule({
      imports: [testConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', SMS_PROVIDER_URL: 'http://127.0.0.1:9/messages' }), DeliveryModule.forRoot()],
    }).compile();
    expect(withBoth.get(ChannelRegistry).channels()).toEqual(['webhook', 'sms', 'email']);
    await withBoth.close();
  });

  it('answers a channel without a sender with NotFoundError, before sending anything', async () => {
    const registry = new ChannelRegistry([new FakeSmsSender()]);
    expect(() => registry.get('email')).toThrow(expect.objectContaining({ code: 'RESOURCE_NOT_FOUND', details: { entity: 'delivery channel', id: 'email' } }));
    await expect(registry.dispatch(job({ channel: 'email' }), {}, 1000)).rejects.toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
  });

  it('refuses two senders for one channel', () => {
    expect(() => new ChannelRegistry([new FakeSmsSender(), new FakeSmsSender()])).toThrow(/two senders/);
  });

  it('dispatches a job to its channel with the row credentials and records the attempt with its latency', async () => {
    const sender = new FakeSmsSender();
    const attempt = await new ChannelRegistry([sender]).dispatch(job(), { token: 'sms-key' }, 1000);
    expect(attempt).toEqual({ channel: 'sms', outcome: 'success', status: 202, responseBody: 'queued', latencyMs: expect.any(Number) });
    expect(sender.sent[0].context.credentials).toEqual({ token: 'sms-key' });
  });

  it('records a sender that throws as a retry, and one that outlives the timeout as a timeout retry', async () => {
    const registry = new ChannelRegistry([new FakeSmsSender()]);
    await expect(registry.dispatch(job({ payload: { explode: true } }), {}, 1000)).resolves.toMatchObject({ outcome: 'retry', errorClass: 'sender_error' });
    await expect(registry.dispatch(job({ payload: { hang: true } }), {}, 20)).resolves.toMatchObject({ outcome: 'retry', errorClass: 'timeout' });
  });

  it('keeps at most 20 KB of a response body', async () => {
    const attempt = await new ChannelRegistry([new FakeSmsSender()]).dispatch(job({ payload: { reply: 'x'.repeat(50_000) } }), {}, 1000);
    expect(attempt.responseBody).toHaveLength(MAX_RECORDED_RESPONSE_BYTES);
  });
});
