// Counts what reaches an exchange: a throwaway queue bound with a pattern, consumed without
// acks, recording each message id. Tests use it to prove "published once, none lost".
import amqplib from 'amqplib';
import { TestInfrastructure } from './test-infrastructure';

export interface MessageCounter {
  /** Every message id received, in arrival order (duplicates included). */
  ids: string[];
  /** The routing key and headers of the last message received per id. */
  received: Map<string, { routingKey: string; headers: Record<string, unknown> }>;
  /** The JSON body of the last message received per id (undefined for a body that is not JSON). */
  bodies: Map<string, unknown>;
  distinct(): number;
  duplicates(): number;
  close(): Promise<void>;
}

export async function countMessages(infra: TestInfrastructure, exchange: string, pattern = '#'): Promise<MessageCounter> {
  const connection = await amqplib.connect(infra.amqpUrl);
  const channel = await connection.createChannel();
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false });
  await channel.bindQueue(queue, infra.amqpPrefix + exchange, pattern);
  const ids: string[] = [];
  const received: MessageCounter['received'] = new Map();
  const bodies: MessageCounter['bodies'] = new Map();
  await channel.consume(
    queue,
    (msg) => {
      if (!msg) return;
      ids.push(String(msg.properties.messageId));
      received.set(String(msg.properties.messageId), { routingKey: msg.fields.routingKey, headers: msg.properties.headers ?? {} });
      bodies.set(String(msg.properties.messageId), parseJson(msg.content));
    },
    { noAck: true },
  );
  return {
    ids,
    received,
    bodies,
    distinct: () => new Set(ids).size,
    duplicates: () => ids.length - new Set(ids).size,
    close: async () => {
      await channel.close().catch(() => undefined);
      await connection.close().catch(() => undefined);
    },
  };
}

function parseJson(content: Buffer): unknown {
  try {
    return JSON.parse(content.toString('utf8'));
  } catch {
    return undefined;
  }
}
