// management_audit (owner: management): the audit entries of the management context's writes
// (SPEC §3): who (actor: `user:<sub>`, `api_key:<id>` or `operator`), in which request, did
// what to which entity, and the sha256 of the canonical payload. An audit entry has one shape
// in every context, so its columns are the event store's event_audit's (the migration creates
// the table LIKE event_audit); each context still writes only its own table.
import { Entity } from 'typeorm';
import { EventAuditEntity } from '../event-store/event-audit.entity';

@Entity({ name: 'management_audit' })
export class ManagementAuditEntity extends EventAuditEntity {}
