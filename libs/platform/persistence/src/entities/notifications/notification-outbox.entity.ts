// notification_outbox (owner: notifications): messages the notification context decided to
// publish (the live fan-out of each notification on herald.realtime), committed with the
// notification; the relay publishes and deletes them (the platform outbox lib's OutboxTable).
import { Entity } from 'typeorm';
import { OutboxColumns } from '../../outbox-columns';

@Entity({ name: 'notification_outbox' })
export class NotificationOutboxEntity extends OutboxColumns {}
