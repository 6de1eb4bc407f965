// The in-memory half of API-key usage reporting: the latest use of each key since the last
// report. Recording is a Map lookup and at most one small object per key, no I/O, so the
// guard can call it on every request. Its size is bounded by the keys that authenticated
// (a guessed key never gets here), not by the number of requests.
import { ApiKeyUsedMessage, TenantId } from '@herald/contracts';

interface LatestUse {
  tenantId: string;
  at: number;
}

export class ApiKeyUsageLedger {
  private latest = new Map<string, LatestUse>();

  /** Notes that `apiKeyId` authenticated a request at `at` (epoch ms); a later use of the key wins. */
  record(apiKeyId: string, tenantId: string, at: number): void {
    const seen = this.latest.get(apiKeyId);
    if (!seen) this.latest.set(apiKeyId, { tenantId, at });
    else if (at > seen.at) seen.at = at;
  }

  get size(): number {
    return this.latest.size;
  }

  /** Everything recorded since the last take, as one report, and starts a new interval; null when no key was used. */
  take(reportedBy: string, now: number): ApiKeyUsedMessage | null {
    if (this.latest.size === 0) return null;
    const taken = this.latest;
    this.latest = new Map();
    const uses = [...taken].map(([apiKeyId, use]) => ({
      api_key_id: apiKeyId,
      tenant_id: use.tenantId as TenantId,
      last_used_at: new Date(use.at).toISOString(),
    }));
    return { contract_version: 1, reported_by: reportedBy, reported_at: new Date(now).toISOString(), uses };
  }

  /** Takes back a report that could not be sent, so the next one carries its uses (merged: the latest wins). */
  restore(report: ApiKeyUsedMessage): void {
    for (const use of report.uses) this.record(use.api_key_id, use.tenant_id, Date.parse(use.last_used_at));
  }
}
