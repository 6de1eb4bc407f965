// The broker's own limit on this machine, without Herald: a bare amqplib confirm channel
// publishing persistent messages (our event.accepted body and headers) into a quorum queue
// with up to 5 000 unconfirmed, and the RabbitMQ process's CPU time per message (from /proc).
// The floor under every figure of the relay: what one event's publish costs the broker.
// Usage: npm run bench:broker -- [--messages 100000] [--queue-type quorum|classic] [--no-headers]
import 'reflect-metadata';
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import amqplib from 'amqplib';
import { createTestInfrastructure, TestInfrastructure } from '@herald/platform/testing';
import { runBench, say } from './bench-support';

const { values } = parseArgs({
  strict: false,
  options: { messages: { type: 'string', default: '100000' }, 'queue-type': { type: 'string', default: 'quorum' }, 'no-headers': { type: 'boolean', default: false } },
});
const MESSAGES = Number(values.messages);
const QUEUE_TYPE = String(values['queue-type']);
const IN_FLIGHT = 5000;

const BODY = Buffer.from(
  JSON.stringify({
    contract_version: 1,
    event_id: 'b3a1c0de-0000-4000-8000-000000000000',
    tenant_id: 'tn_bench',
    kind: 'business',
    type: 'revenue_impact',
    source: 'bench',
    schema_version: 1,
    occurred_at: '2026-11-25T10:00:00.000Z',
    received_at: '2026-11-25T10:00:00.000Z',
    payload: { impact_amount: 1234.5, impact_type: 'increase', currency: 'USD', summary: 'benchmark event', severity: 'medium' },
    customer_id: null,
  }),
);
const HEADERS = {
  event_id: 'b3a1c0de-0000-4000-8000-000000000000',
  tenant_id: 'tn_bench',
  request_id: 'f4e0eb48-7cfb-410a-94d7-7d6c2f88a410',
  attempt: 1,
  traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
  'x-herald-type': 'event.accepted.v1',
};

/** CPU seconds the RabbitMQ VM (beam.smp) has used; undefined when it is not on this machine. */
function brokerCpuSeconds(): number | undefined {
  try {
    const pid = execSync('pgrep -x beam.smp').toString().trim().split('\n')[0];
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

export interface BrokerFigures {
  messagesPerSecond: number;
  /** RabbitMQ's CPU time per confirmed message, when the broker runs on this machine. */
  brokerCpuUsPerMessage: number | null;
}

/** Publishes `messages` persistent messages with confirms into a fresh queue of the suite's prefix. */
export async function measureBroker(infra: TestInfrastructure, messages: number, queueType = 'quorum', headers = true): Promise<BrokerFigures> {
  const connection = await amqplib.connect(infra.amqpUrl);
  const channel = await connection.createConfirmChannel();
  const queue = `${infra.amqpPrefix}bench.broker`;
  const exchange = `${infra.amqpPrefix}bench.broker`;
  try {
    await channel.assertExchange(exchange, 'topic', { durable: true });
    await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': queueType } });
    await channel.bindQueue(queue, exchange, '#');
    const cpuBefore = brokerCpuSeconds();
    const started = process.hrtime.bigint();
    let sent = 0;
    let inFlight = 0;
    await new Promise<void>((resolve, reject) => {
      const pump = (): void => {
        while (sent < messages && inFlight < IN_FLIGHT) {
          inFlight++;
          sent++;
          const options = { persistent: true, contentType: 'application/json', messageId: `m${sent}`, type: 'event.accepted.v1', headers: headers ? HEADERS : {} };
          channel.publish(exchange, 'business.revenue_impact', BODY, options, (err) => {
            if (err) return reject(err);
            inFlight--;
            if (sent === messages && inFlight === 0) resolve();
            else if (inFlight < IN_FLIGHT / 2) setImmediate(pump);
          });
        }
      };
      pump();
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpuAfter = brokerCpuSeconds();
    const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? ((cpuAfter - cpuBefore) * 1e6) / messages : null;
    return { messagesPerSecond: messages / seconds, brokerCpuUsPerMessage: cpu };
  } finally {
    await channel.deleteQueue(queue).catch(() => undefined);
    await channel.deleteExchange(exchange).catch(() => undefined);
    await connection.close().catch(() => undefined);
  }
}

if (require.main === module) {
  runBench(async () => {
    const infra = await createTestInfrastructure('bench_broker');
    try {
      say(`bench:broker — ${MESSAGES} persistent messages of ${BODY.length} B, ${values['no-headers'] ? 'no' : '6'} headers, confirms, ≤ ${IN_FLIGHT} in flight, into a ${QUEUE_TYPE} queue`);
      say(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
      const figures = await measureBroker(infra, MESSAGES, QUEUE_TYPE, !values['no-headers']);
      const cpu = figures.brokerCpuUsPerMessage === null ? '' : `; broker CPU ${figures.brokerCpuUsPerMessage.toFixed(0)} µs/message`;
      say(`confirmed ${MESSAGES} = ${Math.round(figures.messagesPerSecond)} messages/s${cpu}`);
      say(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}; cores: ${availableParallelism()}`);
    } finally {
      await infra.teardown();
    }
  });
}
