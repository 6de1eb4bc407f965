import { ApiKeyUsedContract, ApiKeyUsedMessage, Exchanges } from '@herald/contracts';
import { loadConfig } from '@herald/platform/config';
import { AmqpConnection, MessagePublisher, OutgoingMessage } from '@herald/platform/messaging';
import { createLogger, ShutdownDrain } from '@herald/platform/observability';
import { ApiKeyUsageRecorder } from './api-key-usage.recorder';

const KEY_A = '6f1c1f57-7c1e-4a8a-9a43-0b7c5d3f2a01';
const KEY_B = '0e8b3f4c-55d2-4c9f-8f1e-2d6a7b9c1e02';

/** A recorder whose broker is a list of published messages; `failNext` makes the next publish unconfirmed. */
function recorderFixture() {
  const config = loadConfig({ appName: 'ingestion-gateway', port: 0 }, { API_KEY_USAGE_REPORT_MS: '60000' });
  const logger = createLogger('test', 'silent');
  const published: OutgoingMessage[] = [];
  const broker = { connected: true, failNext: false };
  const publisher = {
    async publish(message: OutgoingMessage): Promise<void> {
      if (broker.failNext) {
        broker.failNext = false;
        throw new Error('publish not confirmed');
      }
      published.push(message);
    },
  };
  const connection = { isConnected: () => broker.connected };
  const drain = new ShutdownDrain(config, logger);
  const recorder = new ApiKeyUsageRecorder(publisher as unknown as MessagePublisher, connection as unknown as AmqpConnection, config, logger, drain);
  const bodies = () => published.map((m) => ApiKeyUsedContract.parse(m.body) as ApiKeyUsedMessage);
  return { recorder, published, bodies, broker, drain };
}

describe('ApiKeyUsageRecorder', () => {
  it('sends one api_key.used message to herald.reports with the latest use of each key', async () => {
    const { recorder, published, bodies } = recorderFixture();
    recorder.record(KEY_A, 'tn_a', Date.parse('2026-11-25T10:00:01Z'));
    recorder.record(KEY_B, 'tn_b', Date.parse('2026-11-25T10:00:02Z'));
    recorder.record(KEY_A, 'tn_a', Date.parse('2026-11-25T10:00:03Z'));

    await recorder.report();

    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ exchange: Exchanges.reports, routingKey: 'api_key.used', messageType: 'api_key.used.v1' });
    expect(bodies()[0].uses).toEqual([
      { api_key_id: KEY_A, tenant_id: 'tn_a', last_used_at: '2026-11-25T10:00:03.000Z' },
      { api_key_id: KEY_B, tenant_id: 'tn_b', last_used_at: '2026-11-25T10:00:02.000Z' },
    ]);
  });

  it('sends nothing for an interval in which no key was used', async () => {
    const { recorder, published } = recorderFixture();
    await recorder.report();
    recorder.record(KEY_A, 'tn_a', Date.now());
    await recorder.report();
    await recorder.report();
    expect(published).toHaveLength(1);
  });

  it('keeps the uses for the next report while the broker is away or a publish is not confirmed', async () => {
    const { recorder, bodies, broker } = recorderFixture();
    recorder.record(KEY_A, 'tn_a', Date.parse('2026-11-25T10:00:01Z'));
    broker.connected = false;
    await recorder.report();
    broker.connected = true;
    broker.failNext = true;
    await recorder.report();
    recorder.record(KEY_B, 'tn_b', Date.parse('2026-11-25T10:00:05Z'));
    await recorder.report();

    expect(bodies().map((b) => b.uses.map((u) => u.api_key_id))).toEqual([[KEY_A, KEY_B]]);
  });

  it('sends what it holds when the app drains at shutdown', async () => {
    const { recorder, published, drain } = recorderFixture();
    recorder.onApplicationBootstrap();
    recorder.record(KEY_A, 'tn_a', Date.now());
    await drain.drain();
    expect(published).toHaveLength(1);
  });
});
