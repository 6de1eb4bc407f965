// notification_audit (owner: notifications): audit entries of this context (preference
// changes), in the shape of every audit table (libs/platform/persistence/src/audit.ts).
import { Entity } from 'typeorm';
import { AuditColumns } from '../../audit';

@Entity({ name: 'notification_audit' })
export class NotificationAuditEntity extends AuditColumns {}
