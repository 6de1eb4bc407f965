// Every query on the delivery context's own tables: deliveries (accepted once per
// delivery_id), their claims by the poller (FOR UPDATE SKIP LOCKED; `next_attempt_at` is
// the lease while an attempt runs), the attempts, and what the worker decides about a
// webhook endpoint (webhook_endpoint_states). Tenant-scoped methods take the TenantId first.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DeliveryChannel, DeliveryJobMessage, TenantId } from '@herald/contracts';
import { DeliveryAttempt } from './channel-sender';
import { AttemptDecision } from './retry-schedule';

/** A delivery this worker holds for one attempt, numbered `attempt`. */
export interface ClaimedDelivery {
  id: string;
  tenantId: TenantId;
  destinationKey: string;
  job: DeliveryJobMessage;
  requestId: string;
  traceparent: string;
  attempt: number;
  /** Attempts made before the delivery was last recovered: the retry schedule counts from here. */
  attemptBase: number;
}

/** True in an upsert of webhook_endpoint_states ($1 = subscription id) when its streak predates management's last change of the subscription. */
const RESTARTED = `webhook_endpoint_states.failing_since < (SELECT updated_at FROM webhook_subscriptions WHERE id = $1)`;

/** A webhook endpoint's current run of failed attempts. */
export interface FailureStreak {
  inARow: number;
  failingForMs: number;
}

interface ClaimedRow {
  id: string;
  tenant_id: TenantId;
  destination_key: string;
  job: DeliveryJobMessage;
  request_id: string;
  traceparent: string;
  attempts: number;
  attempt_base: number;
}

/** A recover command as the repository applies it (SPEC §8: re-send what a subscription missed). */
export interface RecoverWindow {
  id: string;
  destinationKey: string;
  since: Date;
  until: Date;
  requestId: string;
}

@Injectable()
export class DeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores a job once (dedup by delivery_id), due at once; false when it was already stored. */
  async accept(tenantId: TenantId, job: DeliveryJobMessage, destinationKey: string, trace: { requestId: string; traceparent: string }): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO deliveries (id, tenant_id, event_id, channel, destination_key, job, request_id, traceparent, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, now())
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [job.delivery_id, tenantId, job.event_id, job.channel, destinationKey, JSON.stringify(job), trace.requestId, trace.traceparent],
    );
    return rows.length === 1;
  }

  /**
   * Claims up to `limit` due deliveries for one attempt each, leased for `leaseMs` (the
   * attempt number counts the claim, so an attempt cut short by a crash still counts);
   * destinations in `skip` (at their concurrency limit here) and those whose circuit is open
   * are left for later, and so are channels not in `channels` (not sent by this worker).
   */
  async claimDue(limit: number, leaseMs: number, skip: readonly string[], channels: readonly DeliveryChannel[]): Promise<ClaimedDelivery[]> {
    const rows: ClaimedRow[] = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE deliveries SET attempts = attempts + 1, updated_at = now(),
                next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
         WHERE id IN (SELECT id FROM deliveries
                      WHERE status IN ('pending', 'retrying') AND next_attempt_at <= now() AND destination_key <> ALL($3::text[])
                        AND channel = ANY($4::text[])
                        -- a subscription test goes out even while the circuit is open: it is how one checks a fixed endpoint
                        AND ((job->>'test') = 'true' OR NOT EXISTS (SELECT 1 FROM delivery_circuits c
                                        WHERE c.destination_key = deliveries.destination_key AND c.opened_until > now()))
                      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING id, tenant_id, destination_key, job, request_id, traceparent, attempts, attempt_base)
       SELECT * FROM claimed`,
      [limit, leaseMs, skip, channels],
    );
    return rows.map((r) => ({
      id: r.id,
      tenantId: r.tenant_id,
      destinationKey: r.destination_key,
      job: r.job,
      requestId: r.request_id,
      traceparent: r.traceparent,
      attempt: r.attempts,
      attemptBase: r.attempt_base,
    }));
  }

  /** Gives back claims this worker will not attempt now (due at once again, the claim uncounted). */
  async release(claims: readonly ClaimedDelivery[]): Promise<void> {
    if (claims.length === 0) return;
    await this.dataSource.query(
      `UPDATE deliveries SET attempts = attempts - 1, next_attempt_at = now()
       WHERE id = ANY($1::text[]) AND status IN ('pending', 'retrying')`,
      [claims.map((c) => c.id)],
    );
  }

  /** Gives a claim back uncounted, due at `until` (its destination's circuit is open). */
  async postpone(claim: ClaimedDelivery, until: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET attempts = attempts - 1, next_attempt_at = greatest($3::timestamptz, now()), updated_at = now()
       WHERE id = $1 AND attempts = $2 AND status IN ('pending', 'retrying')`,
      [claim.id, claim.attempt, until],
    );
  }

  /** Parks a claim uncounted while its endpoint is disabled; `resumeEnabled` wakes it. */
  async pause(claim: ClaimedDelivery, reason: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE deliveries SET status = 'paused', attempts = attempts - 1, next_attempt_at = NULL, last_error = $3, updated_at = now()
       WHERE id = $1 AND attempts = $2 AND status IN ('pending', 'retrying')`,
      [claim.id, claim.attempt, reason],
    );
  }

  /** Makes paused deliveries due again whose webhook subscription is enabled (and no longer disabled by the worker); returns how many. */
  async resumeEnabled(): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH resumed AS (
         UPDATE deliveries d SET status = CASE WHEN d.attempts = 0 THEN 'pending' ELSE 'retrying' END,
                next_attempt_at = now(), last_error = NULL, updated_at = now()
         FROM webhook_subscriptions s LEFT JOIN webhook_endpoint_states e ON e.subscription_id = s.id
         WHERE d.status = 'paused' AND d.destination_key = 'webhook_subscription:' || s.id AND s.tenant_id = d.tenant_id
           AND s.enabled AND (e.disabled_at IS NULL OR e.disabled_at <= s.updated_at)
         RETURNING d.id)
       SELECT id FROM resumed`,
    );
    return rows.length;
  }

  /**
   * Applies a recover command once (by its id): the destination's deliveries created in
   * [since, until) that ended `failed` or wait `paused` — subscription tests aside — become due
   * now with a fresh attempt budget (same row, so the same delivery id and `webhook-id`).
   * Returns how many were re-queued, or null when this command was already applied.
   */
  async recover(tenantId: TenantId, window: RecoverWindow): Promise<number | null> {
    return this.dataSource.transaction(async (tx) => {
      const taken: unknown[] = await tx.query(
        `INSERT INTO delivery_recoveries (id, tenant_id, destination_key, since, until, requeued, request_id)
         VALUES ($1, $2, $3, $4, $5, 0, $6) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [window.id, tenantId, window.destinationKey, window.since, window.until, window.requestId],
      );
      if (taken.length === 0) return null;
      const requeued: unknown[] = await tx.query(
        `WITH requeued AS (
           UPDATE deliveries SET status = CASE WHEN attempts = 0 THEN 'pending' ELSE 'retrying' END,
                  attempt_base = attempts, next_attempt_at = now(), completed_at = NULL, last_error = NULL, updated_at = now()
           WHERE tenant_id = $1 AND destination_key = $2 AND created_at >= $3 AND created_at < $4
             AND status IN ('failed', 'paused') AND (job->>'test') IS DISTINCT FROM 'true'
           RETURNING id)
         SELECT id FROM requeued`,
        [tenantId, window.destinationKey, window.since, window.until],
      );
      await tx.query('UPDATE delivery_recoveries SET requeued = $2 WHERE id = $1', [window.id, requeued.length]);
      return requeued.length;
    });
  }

  /**
   * Records the attempt and the delivery's new state in `tx`; false (and nothing written)
   * when this claim is stale — its lease ran out and another claim took the delivery.
   */
  async recordAttempt(tx: EntityManager, claim: ClaimedDelivery, attempt: DeliveryAttempt, decision: AttemptDecision): Promise<boolean> {
    const updated: unknown[] = await tx.query(
      `WITH updated AS (UPDATE deliveries SET
         status = $3,
         next_attempt_at = CASE WHEN $3 = 'retrying' THEN now() + make_interval(secs => $4::double precision) END,
         completed_at = CASE WHEN $3 IN ('succeeded', 'failed') THEN now() END,
         last_status = $5, last_error = $6, updated_at = now()
       WHERE id = $1 AND attempts = $2 AND status IN ('pending', 'retrying')
       RETURNING id)
       SELECT id FROM updated`,
      [
        claim.id,
        claim.attempt,
        decision.kind === 'retry' ? 'retrying' : decision.kind,
        decision.kind === 'retry' ? decision.delaySeconds : 0,
        attempt.status ?? null,
        decision.kind === 'failed' ? decision.reason : decision.kind === 'retry' ? (attempt.errorClass ?? null) : null,
      ],
    );
    if (updated.length === 0) return false;
    await tx.query(
      `INSERT INTO delivery_attempts (delivery_id, attempt, tenant_id, outcome, status_code, error_class, latency_ms, response_body)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [claim.id, claim.attempt, claim.tenantId, attempt.outcome, attempt.status ?? null, attempt.errorClass ?? null, attempt.latencyMs, attempt.responseBody ?? null],
    );
    return true;
  }

  /**
   * Counts an attempt that reached a webhook endpoint: a failure adds one to its failures in
   * a row (from when it started failing), a success resets them. Returns the streak after it.
   */
  async countWebhookEndpointAttempt(tx: EntityManager, tenantId: TenantId, subscriptionId: string, failed: boolean): Promise<FailureStreak> {
    if (!failed) {
      await tx.query(
        `UPDATE webhook_endpoint_states SET consecutive_failures = 0, failing_since = NULL, updated_at = now()
         WHERE subscription_id = $1 AND consecutive_failures > 0`,
        [subscriptionId],
      );
      return { inARow: 0, failingForMs: 0 };
    }
    const [row]: Array<{ consecutive_failures: number; failing_ms: number }> = await tx.query(
      `INSERT INTO webhook_endpoint_states (subscription_id, tenant_id, consecutive_failures, failing_since)
       VALUES ($1, $2, 1, now())
       ON CONFLICT (subscription_id) DO UPDATE SET
         -- a streak from before management last changed the subscription (re-enabled it) starts over
         consecutive_failures = CASE WHEN ${RESTARTED} THEN 1 ELSE webhook_endpoint_states.consecutive_failures + 1 END,
         failing_since = CASE WHEN ${RESTARTED} THEN now() ELSE coalesce(webhook_endpoint_states.failing_since, now()) END,
         updated_at = now()
       RETURNING consecutive_failures, (extract(epoch FROM now() - failing_since) * 1000)::float8 AS failing_ms`,
      [subscriptionId, tenantId],
    );
    return { inARow: row?.consecutive_failures ?? 1, failingForMs: row?.failing_ms ?? 0 };
  }

  /** The worker's own "this endpoint is off" (a 410, days of failure); management's row is not touched. True when newly disabled. */
  async disableWebhookEndpoint(tx: EntityManager, tenantId: TenantId, subscriptionId: string, reason: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO webhook_endpoint_states (subscription_id, tenant_id, disabled_at, disabled_reason)
       VALUES ($1, $2, now(), $3)
       ON CONFLICT (subscription_id) DO UPDATE SET disabled_at = now(), disabled_reason = $3, updated_at = now()
       WHERE webhook_endpoint_states.disabled_at IS NULL
          OR webhook_endpoint_states.disabled_at <= (SELECT updated_at FROM webhook_subscriptions WHERE id = $1)
       RETURNING subscription_id`,
      [subscriptionId, tenantId, reason],
    );
    return rows.length > 0;
  }
}
