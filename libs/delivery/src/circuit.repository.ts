// The circuit breaker's queries on delivery_circuits: whether a destination may be sent to
// now (closed), only by the one worker that takes the probe, or not before a time; and the
// state after an attempt, decided by circuit-breaker.ts under the row's lock.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { TenantId } from '@herald/contracts';
import { afterAttempt, CLOSED } from './circuit-breaker';

/** How soon a delivery looks again at a circuit whose probe another worker is sending. */
export const PROBE_RECHECK_MS = 1000;

export type CircuitGate = { kind: 'closed' } | { kind: 'probe' } | { kind: 'wait'; until: Date };

interface CircuitRow {
  recent_failures: boolean[];
  opened_until: Date | null;
  open_count: number;
  probe_until: Date | null;
}

@Injectable()
export class CircuitRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Takes the probe when the cooldown is over and no other worker holds it (for `leaseMs`). */
  async gate(destinationKey: string, leaseMs: number): Promise<CircuitGate> {
    // the common case, a closed circuit, is one read
    const [row]: CircuitRow[] = await this.dataSource.query('SELECT opened_until FROM delivery_circuits WHERE destination_key = $1', [destinationKey]);
    if (!row?.opened_until) return { kind: 'closed' };
    if (row.opened_until > new Date()) return { kind: 'wait', until: row.opened_until };
    const [probe]: unknown[] = await this.dataSource.query(
      `WITH taken AS (
         UPDATE delivery_circuits SET probe_until = now() + make_interval(secs => $2::double precision / 1000)
         WHERE destination_key = $1 AND opened_until <= now() AND (probe_until IS NULL OR probe_until <= now())
         RETURNING destination_key)
       SELECT destination_key FROM taken`,
      [destinationKey, leaseMs],
    );
    if (probe) return { kind: 'probe' };
    // closed meanwhile, or another worker's probe is in flight: look again shortly
    return { kind: 'wait', until: new Date(Date.now() + PROBE_RECHECK_MS) };
  }

  /** Records an attempt's outcome; true when this attempt opened the circuit. */
  async record(tx: EntityManager, tenantId: TenantId, destinationKey: string, failed: boolean, probe: boolean, cooldownSeconds: number): Promise<boolean> {
    // the row exists before it is locked, so concurrent attempts to a new destination queue on it
    await tx.query('INSERT INTO delivery_circuits (destination_key, tenant_id) VALUES ($1, $2) ON CONFLICT (destination_key) DO NOTHING', [destinationKey, tenantId]);
    const [row]: CircuitRow[] = await tx.query(
      'SELECT recent_failures, opened_until, open_count, probe_until FROM delivery_circuits WHERE destination_key = $1 FOR UPDATE',
      [destinationKey],
    );
    const before = row ? { recentFailures: row.recent_failures, openedUntil: row.opened_until, openCount: row.open_count } : CLOSED;
    const after = afterAttempt(before, failed, probe, new Date(), cooldownSeconds);
    await tx.query(
      `UPDATE delivery_circuits SET recent_failures = $2::boolean[], opened_until = $3, open_count = $4,
         probe_until = CASE WHEN $5 THEN NULL ELSE probe_until END, updated_at = now()
       WHERE destination_key = $1`,
      [destinationKey, after.recentFailures, after.openedUntil, after.openCount, probe],
    );
    return before.openedUntil === null && after.openedUntil !== null;
  }
}
