// Applies the management API's `alert_rules.replace` commands (herald.reports) to this
// context's alert rules. Dedup key: the version — a command applies once; a redelivered one,
// or one older than what is applied, changes nothing.
import { Inject, Injectable } from '@nestjs/common';
import { ALERT_RULES_REPLACE_ROUTING_KEY, AlertRulesReplaceContract, AlertRulesReplaceMessage, Exchanges } from '@herald/contracts';
import { HandlerOutcome, MessageHandler, Outcome, QueueConsumer, QueueDefinition } from '@herald/platform/messaging';
import { HERALD_LOGGER, HeraldLogger } from '@herald/platform/observability';
import { AlertRuleRepository } from './alert-rule.repository';

export const ALERT_RULES_QUEUE: QueueDefinition = {
  name: 'notifications.alert-rules',
  bindings: [{ exchange: Exchanges.reports, pattern: ALERT_RULES_REPLACE_ROUTING_KEY }],
};

@Injectable()
@QueueConsumer()
export class AlertRulesConsumer implements MessageHandler<AlertRulesReplaceMessage> {
  readonly queue = ALERT_RULES_QUEUE;
  readonly contract = AlertRulesReplaceContract;

  constructor(
    private readonly rules: AlertRuleRepository,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
  ) {}

  async handle(command: AlertRulesReplaceMessage): Promise<HandlerOutcome> {
    const applied = await this.rules.apply(command);
    const fields = { tenant_id: command.tenant_id, version: command.version, rules: command.rules.length };
    if (applied) this.logger.info(fields, 'alert rules applied');
    else this.logger.info(fields, 'alert rules not applied: this version or a newer one already is');
    return Outcome.done();
  }
}
