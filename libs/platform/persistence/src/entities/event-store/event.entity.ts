// events (owner: event-store): every accepted event, from the gateway or the webhook
// ingress; immutable once accepted. It has no status: processing and delivery progress are
// recorded by the contexts doing the work, in their own tables (docs/architecture.md).
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EventKind, RecipientScope } from '@herald/contracts';

@Entity({ name: 'events' })
export class EventEntity {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'text', name: 'tenant_id' })
  tenantId: string;

  @Column({ type: 'text' })
  kind: EventKind;

  @Column({ type: 'text' })
  type: string;

  @Column({ type: 'text' })
  source: string;

  @Column({ type: 'int', name: 'schema_version' })
  schemaVersion: number;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'jsonb', nullable: true })
  recipients: RecipientScope | null;

  @Column({ type: 'text', name: 'customer_id', nullable: true })
  customerId: string | null;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt: Date;

  @Column({ type: 'timestamptz', name: 'received_at' })
  receivedAt: Date;

  @Column({ type: 'text', name: 'request_id', nullable: true })
  requestId: string | null;

  @Column({ type: 'text', nullable: true })
  provider: string | null;

  @Column({ type: 'text', name: 'provider_event_id', nullable: true })
  providerEventId: string | null;

  /** The integration a provider webhook came through. */
  @Column({ type: 'uuid', name: 'integration_id', nullable: true })
  integrationId: string | null;

  /** A provider webhook whose integration had a callback URL when it was accepted: its callback is delivered. */
  @Column({ type: 'boolean', name: 'callback_due', nullable: true })
  callbackDue: boolean | null;

  /** The provider request the event was read from: body and headers, secrets redacted. */
  @Column({ type: 'jsonb', name: 'raw_snapshot', nullable: true })
  rawSnapshot: Record<string, unknown> | null;
}
