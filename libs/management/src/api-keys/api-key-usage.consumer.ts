// Consumes the guards' `api_key.used` reports (herald.reports) and moves api_keys.last_used_at
// forward, one UPDATE per report. Dedup key: none needed — applying a report again, or an
// older one after a newer, changes nothing (last_used_at only moves forward).
import { Injectable } from '@nestjs/common';
import { API_KEY_USED_ROUTING_KEY, ApiKeyUsedContract, ApiKeyUsedMessage, Exchanges } from '@herald/contracts';
import { HandlerOutcome, MessageHandler, Outcome, QueueConsumer, QueueDefinition } from '@herald/platform/messaging';
import { ApiKeyRepository } from './api-key.repository';

export const API_KEY_USAGE_QUEUE: QueueDefinition = {
  name: 'management.api-key-usage',
  bindings: [{ exchange: Exchanges.reports, pattern: API_KEY_USED_ROUTING_KEY }],
};

@Injectable()
@QueueConsumer()
export class ApiKeyUsageConsumer implements MessageHandler<ApiKeyUsedMessage> {
  readonly queue = API_KEY_USAGE_QUEUE;
  readonly contract = ApiKeyUsedContract;

  constructor(private readonly apiKeys: ApiKeyRepository) {}

  async handle(report: ApiKeyUsedMessage): Promise<HandlerOutcome> {
    await this.apiKeys.recordUses(report.uses);
    return Outcome.done();
  }
}
