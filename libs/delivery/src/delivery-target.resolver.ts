// Where one attempt of a job goes and with which credentials, read from the row the job
// names at attempt time (so a changed URL, a rotated secret or a disabled subscription
// applies to the next attempt). Also the key per-destination limits are counted by.
import { Injectable } from '@nestjs/common';
import { DeliveryDestination, DeliveryJobMessage, TenantId } from '@herald/contracts';
import { IntegrationCallbackReader } from './integration-callback.reader';
import { WebhookSubscriptionReader } from './webhook-subscription.reader';

export type DeliveryTarget =
  | { address: string; credentials: Readonly<Record<string, string>> }
  /** Disabled for now: the delivery waits (paused) until it is enabled again. */
  | { paused: string }
  /** Gone, or unable to receive (an inactive integration, one without a callback URL or secret): the delivery fails. */
  | { unavailable: string };

export function destinationKey(destination: DeliveryDestination): string {
  switch (destination.kind) {
    case 'webhook_subscription':
      return `webhook_subscription:${destination.subscription_id}`;
    case 'integration':
      return `integration:${destination.integration_id}`;
    case 'email':
      return `email:${destination.address.toLowerCase()}`;
    case 'sms':
      return `sms:${destination.phone}`;
  }
}

@Injectable()
export class DeliveryTargetResolver {
  constructor(
    private readonly subscriptions: WebhookSubscriptionReader,
    private readonly integrations: IntegrationCallbackReader,
  ) {}

  async resolve(tenantId: TenantId, job: DeliveryJobMessage): Promise<DeliveryTarget> {
    const destination = job.destination;
    // the provider or SMTP server is the operator's: the number or address is the whole destination
    if (destination.kind === 'sms') return { address: destination.phone, credentials: {} };
    if (destination.kind === 'email') return { address: destination.address, credentials: {} };
    if (destination.kind === 'integration') {
      // an inactive integration fails the callback at once (it is dead-lettered and replayable),
      // rather than pausing it: nothing resumes a deactivated integration's callbacks
      const callback = await this.integrations.find(tenantId, destination.integration_id);
      return 'refused' in callback ? { unavailable: callback.refused } : { address: callback.url, credentials: { ...callback.credentials } };
    }
    const subscription = await this.subscriptions.find(tenantId, destination.subscription_id);
    if (!subscription) return { unavailable: 'subscription not found' };
    if (subscription.disabled) return { paused: subscription.disabled };
    return { address: subscription.url, credentials: { ...subscription.credentials } };
  }
}
