// Read-only view of the notifications context's alert_rule_sets and alert_rules, for
// `GET /alert-rules`: the rule set the notification service has applied, inside one tenant.
// Never writes them (a change goes to their owner as an `alert_rules.replace` command).
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AlertRule, TenantId } from '@herald/contracts';

export interface AppliedAlertRules {
  version: number;
  appliedAt: Date | null;
  rules: AlertRule[];
}

@Injectable()
export class AlertRulesReader {
  constructor(private readonly dataSource: DataSource) {}

  async applied(tenantId: TenantId): Promise<AppliedAlertRules> {
    const sets: Array<{ version: string; applied_at: Date }> = await this.dataSource.query(
      'SELECT version, applied_at FROM alert_rule_sets WHERE tenant_id = $1',
      [tenantId],
    );
    if (sets.length === 0) return { version: 0, appliedAt: null, rules: [] };
    const rules: AlertRule[] = await this.dataSource.query(
      `SELECT event_type, severities, scope, roles, title, summary, actions, enabled FROM alert_rules
        WHERE tenant_id = $1 ORDER BY position`,
      [tenantId],
    );
    return { version: Number(sets[0].version), appliedAt: sets[0].applied_at, rules };
  }
}
