// What the delivery suites do as producers and operators: publish a delivery job to
// herald.deliveries as the producers' relays do, read a delivery and its attempts, and take
// what reached herald.dead-letter.
import amqplib from 'amqplib';
import { DeliveryEvent, DeliveryJobMessage, Exchanges } from '@herald/contracts';
import { EnvMap } from '@herald/platform/config';
import { MessagePublisher } from '@herald/platform/messaging';
import {
  createTestInfrastructure,
  eventually,
  Reply,
  seedTenant,
  seedWebhookSubscription,
  smsJob,
  startTestApp,
  startWebhookReceiver,
  TestApp,
  TestInfrastructure,
  WebhookReceiver,
  WebhookSubscriptionFixture,
} from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

/** One suite's worker (own database and broker prefix), its tenant, and the receivers it started. */
export interface DeliverySuite {
  infra: TestInfrastructure;
  app: TestApp;
  tenant: string;
  /** A local endpoint answering `replies`; closed with the suite. */
  receiver(replies?: Reply[]): Promise<WebhookReceiver>;
  /** A webhook subscription of the suite's tenant. */
  subscribe(url: string, fixture?: Omit<WebhookSubscriptionFixture, 'url'>): Promise<{ id: string; secret: string }>;
  close(): Promise<void>;
}

export async function startDeliverySuite(suite: string, tenant: string, env: EnvMap): Promise<DeliverySuite> {
  const infra = await createTestInfrastructure(suite);
  const app = await startTestApp(APP_DEFAULTS, (c, logger) => AppModule.forRoot(c, logger), infra, { DELIVERY_POLL_INTERVAL_MS: '50', ...env });
  await seedTenant(app.dataSource, tenant, []);
  const receivers: WebhookReceiver[] = [];
  return {
    infra,
    app,
    tenant,
    receiver: async (replies) => {
      const r = await startWebhookReceiver(replies);
      receivers.push(r);
      return r;
    },
    subscribe: (url, fixture = {}) => seedWebhookSubscription(app.dataSource, app.config, tenant, { url, ...fixture }),
    close: async () => {
      await app.close();
      await Promise.all(receivers.map((r) => r.close()));
      await infra.teardown();
    },
  };
}

export interface DeliveryRow {
  status: string;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
}

export interface AttemptRow {
  attempt: number;
  outcome: string;
  status_code: number | null;
  error_class: string | null;
  latency_ms: number;
  response_body: string | null;
}

/** A delivery.job message for an email to `address` (the testing lib makes webhook and sms jobs). */
export function emailJob(tenantId: string, address: string, event?: DeliveryEvent): DeliveryJobMessage {
  return { ...smsJob(tenantId, '+15550100000'), channel: 'email', destination: { kind: 'email', address }, ...(event && { event }) };
}

export function publishJob(app: TestApp, job: DeliveryJobMessage): Promise<void> {
  return app.app.get(MessagePublisher).publish({
    exchange: Exchanges.deliveries,
    routingKey: job.channel,
    body: job,
    messageType: 'delivery.job',
    messageId: job.delivery_id,
    headers: { event_id: job.event_id, tenant_id: job.tenant_id, request_id: 'delivery-test', attempt: 1, traceparent: '' },
  });
}

export async function readDelivery(app: Pick<TestApp, 'dataSource'>, deliveryId: string): Promise<DeliveryRow | undefined> {
  const [row] = await app.dataSource.query('SELECT status, attempts, last_status, last_error FROM deliveries WHERE id = $1', [deliveryId]);
  return row;
}

export function readAttempts(app: Pick<TestApp, 'dataSource'>, deliveryId: string): Promise<AttemptRow[]> {
  return app.dataSource.query(
    'SELECT attempt, outcome, status_code, error_class, latency_ms, response_body FROM delivery_attempts WHERE delivery_id = $1 ORDER BY attempt',
    [deliveryId],
  );
}

/** Waits until the delivery is paused (its endpoint disabled) and returns it. */
export function paused(app: Pick<TestApp, 'dataSource'>, deliveryId: string): Promise<DeliveryRow> {
  return eventually(async () => {
    const row = await readDelivery(app, deliveryId);
    return row?.status === 'paused' ? row : undefined;
  }, 5000, `delivery ${deliveryId} to pause`);
}

/** Waits until the delivery reaches a final status (succeeded or failed) and returns it. */
export function settled(app: Pick<TestApp, 'dataSource'>, deliveryId: string, timeoutMs = 8000): Promise<DeliveryRow> {
  return eventually(
    async () => {
      const row = await readDelivery(app, deliveryId);
      return row && ['succeeded', 'failed'].includes(row.status) ? row : undefined;
    },
    timeoutMs,
    `delivery ${deliveryId} to settle`,
  );
}

/** Takes every message now on the suite's herald.dead-letter queue. */
export function drainDeadLetters(infra: TestInfrastructure): Promise<amqplib.GetMessage[]> {
  return drainQueue(infra, `${infra.amqpPrefix}herald.dead-letter`);
}

/** Binds a queue of the suite to `exchange` with `pattern` (deleted at teardown); returns its full name. */
export async function listenOn(infra: TestInfrastructure, exchange: string, pattern: string): Promise<string> {
  const queue = `${infra.amqpPrefix}test.listen.${pattern}`;
  const connection = await amqplib.connect(infra.amqpUrl);
  try {
    const channel = await connection.createChannel();
    await channel.assertQueue(queue, { durable: false });
    await channel.bindQueue(queue, `${infra.amqpPrefix}${exchange}`, pattern);
  } finally {
    await connection.close();
  }
  infra.trackQueues([queue]);
  return queue;
}

/** Takes every message now on `queue` (a full, prefixed name). */
export async function drainQueue(infra: TestInfrastructure, queue: string): Promise<amqplib.GetMessage[]> {
  const connection = await amqplib.connect(infra.amqpUrl);
  try {
    const channel = await connection.createChannel();
    const out: amqplib.GetMessage[] = [];
    for (let msg = await channel.get(queue, { noAck: true }); msg; msg = await channel.get(queue, { noAck: true })) out.push(msg);
    return out;
  } finally {
    await connection.close();
  }
}
