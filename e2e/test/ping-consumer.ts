// The test consumer of the messaging suites: pings that fail on purpose (retry) for their
// first `fail_times` attempts, a handler that records every delivery it saw, and the
// message that carries a ping.
import { Injectable } from '@nestjs/common';
import { Exchanges, MessageContract } from '@herald/contracts';
import { MessageContext, OutgoingMessage, Outcome, QueueConsumer } from '@herald/platform/messaging';

export interface Ping {
  n: number;
  fail_times: number;
}

export const PingContract = new MessageContract<Ping>('test.ping', 1, {
  type: 'object',
  required: ['n', 'fail_times'],
  properties: { n: { type: 'integer' }, fail_times: { type: 'integer' } },
});

export interface SeenPing {
  n: number;
  attempt: number;
  redelivered: boolean;
  requestId: string;
  at: number;
}

/** A @QueueConsumer class for a work queue bound to herald.events with `routingKey`. */
export function pingConsumer(queue: string, routingKey: string) {
  @Injectable()
  @QueueConsumer()
  class PingHandler {
    readonly queue = { name: queue, bindings: [{ exchange: Exchanges.events, pattern: routingKey }] };
    readonly contract = PingContract;
    readonly seen: SeenPing[] = [];

    async handle(ping: Ping, ctx: MessageContext) {
      const { attempt, request_id: requestId } = ctx.headers;
      this.seen.push({ n: ping.n, attempt, redelivered: ctx.redelivered, requestId, at: Date.now() });
      return attempt <= ping.fail_times ? Outcome.retry(`failing on purpose (${attempt})`) : Outcome.done();
    }

    attemptsOf(n: number): SeenPing[] {
      return this.seen.filter((s) => s.n === n);
    }
  }
  return PingHandler;
}

/** A message to herald.events; `body` is usually a Ping, or something unparseable on purpose. */
export function pingMessage(routingKey: string, body: unknown, n: number): OutgoingMessage {
  return {
    exchange: Exchanges.events,
    routingKey,
    body,
    headers: { event_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, tenant_id: 'tn', request_id: `req-${n}`, attempt: 1, traceparent: '' },
  };
}
