// The broker as an operator sees it, for messaging suites: a plain amqplib connection (not
// the app's) to check queues, read them, and break the topology on purpose.
import amqplib from 'amqplib';

export interface RawBroker {
  connection: amqplib.ChannelModel;
  /** True when the queue exists (a passive declare on a throwaway channel; 405: another connection's exclusive queue). */
  queueExists(queue: string): Promise<boolean>;
  /** Declares a queue on a throwaway channel; resolves 'ok' or the broker's refusal. */
  tryDeclare(queue: string, options: amqplib.Options.AssertQueue): Promise<string>;
  deleteQueue(queue: string): Promise<void>;
  /** Takes every message now in the queue (acking them). */
  drain(queue: string): Promise<amqplib.GetMessage[]>;
  close(): Promise<void>;
}

export async function connectRawBroker(url: string): Promise<RawBroker> {
  const connection = await amqplib.connect(url);
  const onChannel = async <T>(work: (channel: amqplib.Channel) => Promise<T>): Promise<T> => {
    const channel = await connection.createChannel();
    channel.on('error', () => undefined);
    try {
      return await work(channel);
    } finally {
      await channel.close().catch(() => undefined);
    }
  };
  return {
    connection,
    queueExists: (queue) =>
      onChannel((ch) => ch.checkQueue(queue)).then(
        () => true,
        (err: { code?: number }) => err.code === 405,
      ),
    tryDeclare: (queue, options) =>
      onChannel((ch) => ch.assertQueue(queue, options)).then(
        () => 'ok',
        (err: Error) => err.message,
      ),
    deleteQueue: (queue) => onChannel(async (ch) => void (await ch.deleteQueue(queue))),
    drain: (queue) =>
      onChannel(async (ch) => {
        const out: amqplib.GetMessage[] = [];
        for (let msg = await ch.get(queue, { noAck: true }); msg; msg = await ch.get(queue, { noAck: true })) out.push(msg);
        return out;
      }),
    close: () => connection.close(),
  };
}
