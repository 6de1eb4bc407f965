// The platform outbox as any context uses it (SPEC §6: fan-out, replays, delivery jobs), on
// real Postgres and RabbitMQ: messages enqueued in a transaction are published once it
// commits and never when it rolls back; rows a crashed replica left behind are published by
// the sweep once their lease runs out.
import { randomUUID } from 'node:crypto';
import { Exchanges } from '@herald/contracts';
import { OutgoingMessage } from '@herald/platform/messaging';
import { outboxTableDdl, TransactionalOutbox } from '@herald/platform/outbox';
import { countMessages, createTestInfrastructure, eventually, MessageCounter, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { startGateway } from './stack';

const TABLE = 'test_context_outbox';

const job = (channel = 'email'): OutgoingMessage => {
  const id = randomUUID();
  return {
    exchange: Exchanges.deliveries,
    routingKey: channel,
    messageType: 'delivery.job.v1',
    messageId: id,
    headers: { event_id: id, tenant_id: 'tn_outbox', request_id: 'req-outbox', attempt: 1, traceparent: '' },
    body: { delivery_id: id, channel },
  };
};

describe('transactional outbox for any context', () => {
  let infra: TestInfrastructure;
  let app: TestApp;
  let outbox: TransactionalOutbox;
  let counter: MessageCounter;

  beforeAll(async () => {
    infra = await createTestInfrastructure('txoutbox');
    app = await startGateway(infra);
    for (const statement of outboxTableDdl(TABLE)) await app.dataSource.query(statement);
    outbox = app.app.get(TransactionalOutbox);
    counter = await countMessages(infra, Exchanges.deliveries, 'email');
  });

  afterAll(async () => {
    await counter?.close();
    await app?.close();
    await infra?.teardown();
  });

  const rows = async () => (await app.dataSource.query(`SELECT count(*)::int AS n FROM ${TABLE}`))[0].n as number;

  it('publishes what a committed transaction enqueued, with its headers, and deletes the rows', async () => {
    const table = outbox.table(TABLE);
    const messages = [job(), job(), job()];
    const result = await outbox.run(table, async (tx, enqueue) => {
      await tx.query('SELECT 1');
      messages.forEach(enqueue);
      return 'decided';
    });
    expect(result).toBe('decided');
    await eventually(async () => (counter.distinct() >= 3 ? true : undefined), 5000, 'three jobs published');
    expect([...counter.ids].sort()).toEqual(messages.map((m) => m.messageId).sort());
    const first = messages[0];
    expect(counter.received.get(first.messageId as string)).toEqual({
      routingKey: 'email',
      headers: expect.objectContaining({ event_id: first.headers.event_id, tenant_id: 'tn_outbox', request_id: 'req-outbox', attempt: 1 }),
    });
    await eventually(async () => ((await rows()) === 0 ? true : undefined), 5000, 'outbox rows deleted');
  });

  it('publishes nothing when the transaction rolls back', async () => {
    counter.ids.splice(0);
    const table = outbox.table(TABLE);
    await expect(
      outbox.run(table, async (_tx, enqueue) => {
        enqueue(job());
        throw new Error('decision failed');
      }),
    ).rejects.toThrow('decision failed');
    await new Promise((r) => setTimeout(r, 500));
    expect(counter.ids).toEqual([]);
    expect(await rows()).toBe(0);
  });

  it('publishes rows a crashed replica left behind once their lease runs out', async () => {
    counter.ids.splice(0);
    const orphan = job();
    // committed, leased to a replica that died before publishing
    await app.dataSource.query(
      `INSERT INTO ${TABLE} (exchange, routing_key, message_type, message_id, headers, body, claimed_until)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, now() + interval '1 second')`,
      [orphan.exchange, orphan.routingKey, orphan.messageType, orphan.messageId, JSON.stringify(orphan.headers), JSON.stringify(orphan.body)],
    );
    outbox.table(TABLE);
    await new Promise((r) => setTimeout(r, 600));
    expect(counter.ids).toEqual([]); // still leased: nobody else publishes it
    await eventually(async () => (counter.ids.length > 0 ? true : undefined), 5000, 'orphan published after its lease');
    expect(counter.ids).toEqual([orphan.messageId]);
    await eventually(async () => ((await rows()) === 0 ? true : undefined), 5000, 'orphan row deleted');
  });
});
