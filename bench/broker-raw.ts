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
import { createTestInfrastructure } from '@herald/platform/testing';
import { runBench, say } from './bench-support';

const { values } = parseArgs({
  options: { messages: { type: 'string', default: '100000' }, 'queue-type': { type: 'string', default: 'quorum' }, 'no-headers': { type: 'boolean', default: false } },
});
const MESSAGES = Number(values.messages);
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

runBench(async () => {
  const infra = await createTestInfrastructure('bench_broker');
  const connection = await amqplib.connect(infra.amqpUrl);
  const channel = await connection.createConfirmChannel();
  const queue = `${infra.amqpPrefix}bench.broker`;
  const exchange = `${infra.amqpPrefix}bench.broker`;
  await channel.assertExchange(exchange, 'topic', { durable: true });
  await channel.assertQueue(queue, { durable: true, arguments: { 'x-queue-type': values['queue-type'] } });
  await channel.bindQueue(queue, exchange, '#');
  say(`bench:broker — ${MESSAGES} persistent messages of ${BODY.length} B, ${values['no-headers'] ? 'no' : '6'} headers, confirms, ≤ ${IN_FLIGHT} in flight, into a ${values['queue-type']} queue`);
  say(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const cpuBefore = brokerCpuSeconds();
  const started = process.hrtime.bigint();
  let sent = 0;
  let inFlight = 0;
  await new Promise<void>((resolve, reject) => {
    const pump = (): void => {
      while (sent < MESSAGES && inFlight < IN_FLIGHT) {
        inFlight++;
        sent++;
        const options = { persistent: true, contentType: 'application/json', messageId: `m${sent}`, type: 'event.accepted.v1', headers: values['no-headers'] ? {} : HEADERS };
        channel.publish(exchange, 'business.revenue_impact', BODY, options, (err) => {
          if (err) return reject(err);
          inFlight--;
          if (sent === MESSAGES && inFlight === 0) resolve();
          else if (inFlight < IN_FLIGHT / 2) setImmediate(pump);
        });
      }
    };
    pump();
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = brokerCpuSeconds();
  const perMessage = cpuBefore !== undefined && cpuAfter !== undefined ? `; broker CPU ${(((cpuAfter - cpuBefore) * 1e6) / MESSAGES).toFixed(0)} µs/message` : '';
  say(`confirmed ${MESSAGES} in ${seconds.toFixed(2)} s = ${Math.round(MESSAGES / seconds)} messages/s${perMessage}`);
  say(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}; cores: ${availableParallelism()}`);
  await channel.deleteQueue(queue);
  await channel.deleteExchange(exchange);
  await connection.close();
  await infra.teardown();
});
