// The tenant's alert rules (SPEC §7, §9). The notifications context owns them; this context
// validates a new rule set, numbers it (sequence alert_rule_versions), audits it and sends it
// to the owner as an `alert_rules.replace` command through management_outbox — all in one
// transaction, so an accepted set is never lost — and answers 202 with the version. GET
// shows what the owner has applied (its version tells whether a PUT has landed yet).
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  ALERT_RULES_REPLACE_ROUTING_KEY,
  AlertRulesReplaceContract,
  AlertRulesReplaceMessage,
  eventSchemaRegistry,
  Exchanges,
  Principal,
  tenantIdOf,
} from '@herald/contracts';
import { resolveTenant } from '@herald/platform/auth';
import { OutboxTable, TransactionalOutbox } from '@herald/platform/outbox';
import { childTraceparent, RequestContext } from '@herald/platform/observability';
import { auditEntry } from '../audit/audit-entry';
import { recordAudit } from '../audit/audit.repository';
import { MANAGEMENT_OUTBOX } from '../management-outbox';
import { AlertRulesAccepted, AlertRulesView, DefaultAlertRouteView, PutAlertRulesDto } from './alert-rules.dto';
import { AlertRulesReader } from './alert-rules.reader';
import { checkAlertRules } from './alert-rules.rules';

const ENTITY = 'alert_rules';

const DEFAULTS: DefaultAlertRouteView[] = eventSchemaRegistry.catalog().flatMap((entry) => {
  const route = eventSchemaRegistry.alertRoute(entry.type);
  return route ? [{ event_type: entry.type, scope: route.scope, roles: [...route.roles], title: route.title }] : [];
});

@Injectable()
export class AlertRulesService {
  constructor(
    private readonly reader: AlertRulesReader,
    private readonly outbox: TransactionalOutbox,
    @Inject(MANAGEMENT_OUTBOX) private readonly table: OutboxTable,
  ) {}

  async get(caller: Principal): Promise<AlertRulesView> {
    const applied = await this.reader.applied(tenantIdOf(caller));
    return { version: applied.version, applied_at: applied.appliedAt?.toISOString() ?? null, rules: applied.rules, defaults: DEFAULTS };
  }

  async put(caller: Principal, body: PutAlertRulesDto): Promise<AlertRulesAccepted> {
    const tenantId = resolveTenant(caller, body.tenant_id);
    const rules = checkAlertRules(body);
    return this.outbox.run(this.table, async (tx, enqueue) => {
      const [{ version }]: Array<{ version: string }> = await tx.query(`SELECT nextval('alert_rule_versions') AS version`);
      const audit = auditEntry(caller, tenantId, { action: 'alert_rules.replaced', entityType: ENTITY, entityId: tenantId, payload: { version: Number(version), rules } });
      await recordAudit(tx, audit);
      const command: AlertRulesReplaceMessage = {
        contract_version: 1,
        tenant_id: tenantId,
        version: Number(version),
        rules,
        requested_by: audit.actor,
        requested_at: new Date().toISOString(),
        request_id: audit.requestId,
      };
      AlertRulesReplaceContract.parse(command); // what the owner will check on consume: fail here (500), not there (dead letter)
      const messageId = randomUUID();
      enqueue({
        exchange: Exchanges.reports,
        routingKey: ALERT_RULES_REPLACE_ROUTING_KEY,
        body: command,
        messageType: AlertRulesReplaceContract.name,
        messageId,
        headers: { event_id: messageId, tenant_id: tenantId, request_id: audit.requestId, attempt: 1, traceparent: RequestContext.current()?.traceparent ?? childTraceparent() },
      });
      return { version: Number(version), status: 'pending' as const, rules };
    });
  }
}
