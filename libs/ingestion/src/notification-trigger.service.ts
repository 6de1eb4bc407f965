// Accepts notification triggers: acceptNotification's checks, then every named user looked up
// in the caller's tenant directory (one query), then the same durable write as events (one
// unit: event + outbox + Idempotency-Key in one statement, routing key `notification.<type>`)
// before the caller gets 202.
import { Inject, Injectable } from '@nestjs/common';
import { Principal, RecipientScope, TenantId, UnprocessableError } from '@herald/contracts';
import { HERALD_CONFIG, HeraldConfig } from '@herald/platform/config';
import { currentOrigin } from './event-acceptance';
import { acceptNotification } from './notification-acceptance';
import { DirectoryUserLookup } from './directory-user.lookup';
import { CreatedAnswer, UnitWriter } from './unit-writer';

export interface NotificationAcceptedResponse {
  notification_event_id: string;
  status: 'accepted';
}

@Injectable()
export class NotificationTriggerService {
  constructor(
    private readonly units: UnitWriter,
    private readonly directory: DirectoryUserLookup,
    @Inject(HERALD_CONFIG) private readonly config: HeraldConfig,
  ) {}

  async trigger(principal: Principal, body: unknown, key?: string): Promise<CreatedAnswer<NotificationAcceptedResponse>> {
    const event = acceptNotification(principal, body, this.config, currentOrigin());
    await this.assertUsersExist(event.tenantId, event.recipients ?? {});
    return this.units.store(principal, { operation: 'notifications', body, key }, [event], {
      notification_event_id: event.id,
      status: 'accepted' as const,
    });
  }

  /** A named user must be in the caller's tenant: another tenant's user is as unknown as a made-up one. */
  private async assertUsersExist(tenantId: TenantId, recipients: RecipientScope): Promise<void> {
    const users = recipients.users ?? [];
    const existing = await this.directory.existingUserIds(tenantId, users);
    const errors = users.flatMap((user, i) => (existing.has(user) ? [] : [{ path: `recipients.users[${i}]`, message: `no user "${user}" in this tenant's directory` }]));
    if (errors.length) throw new UnprocessableError('The recipients are invalid', errors);
  }
}
