// The notifications context's alert_rule_sets and alert_rules (their only writer): a tenant's
// rule set is replaced whole by an `alert_rules.replace` command, once per version — an
// equal or older version changes nothing, so a redelivered or late command is harmless —
// and the rules that can route one event are read by (tenant_id, event_type).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AlertRule, AlertRulesReplaceMessage, TenantId } from '@herald/contracts';

/** One enabled override as routing uses it. */
export type StoredAlertRule = Omit<AlertRule, 'event_type' | 'enabled'>;

// the version moves only forward: the row lock of the upsert serialises two commands of a tenant
const CLAIM_VERSION = `
  INSERT INTO alert_rule_sets (tenant_id, version, requested_by, request_id, requested_at, applied_at)
  VALUES ($1, $2, $3, $4, $5, now())
  ON CONFLICT (tenant_id) DO UPDATE
     SET version = EXCLUDED.version, requested_by = EXCLUDED.requested_by, request_id = EXCLUDED.request_id,
         requested_at = EXCLUDED.requested_at, applied_at = now()
   WHERE alert_rule_sets.version < EXCLUDED.version
  RETURNING tenant_id`;

const INSERT_RULES = `
  INSERT INTO alert_rules (tenant_id, position, event_type, severities, scope, roles, title, summary, actions, enabled)
  SELECT $1, e.ord - 1, e.rule ->> 'event_type',
         CASE WHEN jsonb_typeof(e.rule -> 'severities') = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(e.rule -> 'severities')) END,
         e.rule ->> 'scope', ARRAY(SELECT jsonb_array_elements_text(e.rule -> 'roles')),
         e.rule ->> 'title', e.rule ->> 'summary', e.rule -> 'actions', (e.rule ->> 'enabled')::boolean
    FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(rule, ord)`;

@Injectable()
export class AlertRuleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Applies the command's rule set if its version is newer than the tenant's; true when it did. */
  async apply(command: AlertRulesReplaceMessage): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const claimed: unknown[] = await tx.query(CLAIM_VERSION, [
        command.tenant_id,
        command.version,
        command.requested_by,
        command.request_id,
        command.requested_at,
      ]);
      if (claimed.length === 0) return false;
      await tx.query('DELETE FROM alert_rules WHERE tenant_id = $1', [command.tenant_id]);
      await tx.query(INSERT_RULES, [command.tenant_id, JSON.stringify(command.rules)]);
      return true;
    });
  }

  /** The tenant's enabled overrides of this type, in their order (the first that matches wins). */
  async forType(tenantId: TenantId, eventType: string): Promise<StoredAlertRule[]> {
    return this.dataSource.query(
      `SELECT severities, scope, roles, title, summary, actions FROM alert_rules
        WHERE tenant_id = $1 AND event_type = $2 AND enabled ORDER BY position`,
      [tenantId, eventType],
    );
  }
}
