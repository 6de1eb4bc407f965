// event_audit (owner: event-store): the audit entries of accepted events (SPEC §3: publishing
// a high or critical alert), committed in the statement that stores the event, in the shape
// of every audit table (libs/platform/persistence/src/audit.ts).
import { Entity } from 'typeorm';
import { AuditColumns } from '../../audit';

@Entity({ name: 'event_audit' })
export class EventAuditEntity extends AuditColumns {}
