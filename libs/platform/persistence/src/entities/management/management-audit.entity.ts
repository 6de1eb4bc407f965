// management_audit (owner: management): the audit entries of the management context's writes
// (SPEC §3): who (actor: `user:<sub>`, `api_key:<id>` or `operator`), in which request, did
// what to which entity, and the sha256 of the canonical payload. An audit entry has one shape
// in every context (AuditColumns, libs/platform/persistence/src/audit.ts; the migration creates
// the table LIKE event_audit); each context still writes only its own table.
import { Entity } from 'typeorm';
import { AuditColumns } from '../../audit';

@Entity({ name: 'management_audit' })
export class ManagementAuditEntity extends AuditColumns {}
