// One prom-client registry per app process with default Node metrics and the counters and
// histograms shared plumbing records; `/metrics` serves it in Prometheus text format.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Histogram({
    name: 'herald_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly messagesPublished = new Counter({
    name: 'herald_messages_published_total',
    help: 'Messages confirmed by the broker, by exchange',
    labelNames: ['exchange'],
    registers: [this.registry],
  });

  readonly messagesConsumed = new Counter({
    name: 'herald_messages_consumed_total',
    help: 'Messages handled, by queue and outcome (done, retry, dead_letter)',
    labelNames: ['queue', 'outcome'],
    registers: [this.registry],
  });

  readonly messageHandleSeconds = new Histogram({
    name: 'herald_message_handle_duration_seconds',
    help: 'Time to handle one consumed message',
    labelNames: ['queue'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [this.registry],
  });

  readonly outboxFlushRows = new Histogram({
    name: 'herald_outbox_flush_rows',
    help: 'Events committed per grouped outbox transaction',
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
    registers: [this.registry],
  });

  readonly sseStreams = new Gauge({
    name: 'herald_sse_streams',
    help: 'Live streams (GET /notifications/sse) open on this replica',
    registers: [this.registry],
  });

  readonly outboxWaiting = new Gauge({
    name: 'herald_outbox_waiting',
    help: 'Appends whose callers are waiting for their commit (queued or in a flush)',
    registers: [this.registry],
  });

  readonly outboxRejected = new Counter({
    name: 'herald_outbox_rejected_total',
    help: 'Appends answered 503 by the outbox writer, by reason (queue_full, deadline, database_unavailable)',
    labelNames: ['reason'],
    registers: [this.registry],
  });

  readonly outboxRelayed = new Counter({
    name: 'herald_outbox_relayed_total',
    help: 'Outbox rows published and removed, by path (immediate, sweep)',
    labelNames: ['path'],
    registers: [this.registry],
  });

  readonly deliveryAttemptSeconds = new Histogram({
    name: 'herald_delivery_attempt_duration_seconds',
    help: 'Delivery attempts recorded, by channel, outcome (success, retry, fail) and error class',
    labelNames: ['channel', 'outcome', 'error_class'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 30],
    registers: [this.registry],
  });

  readonly deliveriesSettled = new Counter({
    name: 'herald_deliveries_settled_total',
    help: 'Deliveries that reached a final status, by channel and status (succeeded, failed)',
    labelNames: ['channel', 'status'],
    registers: [this.registry],
  });

  readonly rateLimitUnavailable = new Counter({
    name: 'herald_rate_limit_unavailable_total',
    help: 'Requests let through unlimited because Redis did not answer the rate limiter in time (fail open)',
    registers: [this.registry],
  });

  constructor(appName: string) {
    this.registry.setDefaultLabels({ app: appName });
    collectDefaultMetrics({ register: this.registry });
  }
}
