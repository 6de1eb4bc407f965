// delivery_outbox (owner: delivery): messages the delivery context decided to publish
// (dead-letters of failed deliveries), committed with the decision; the relay publishes
// and deletes them (the platform outbox lib's OutboxTable).
import { Entity } from 'typeorm';
import { OutboxColumns } from '../../outbox-columns';

@Entity({ name: 'delivery_outbox' })
export class DeliveryOutboxEntity extends OutboxColumns {}
