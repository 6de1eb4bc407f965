// management_outbox (owner: management): messages the management context decided to publish
// (replays' delivery jobs, subscription tests and recovers, commands to other contexts),
// committed with the change that decided them; the relay publishes and deletes them (the
// platform outbox lib's OutboxTable).
import { Entity } from 'typeorm';
import { OutboxColumns } from '../../outbox-columns';

@Entity({ name: 'management_outbox' })
export class ManagementOutboxEntity extends OutboxColumns {}
