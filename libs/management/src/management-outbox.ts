// The management context's outbox table (management_outbox, migration 1763900001600),
// registered with the app's relay once; what the context publishes (a replay's delivery
// jobs, a subscription test or recover, a command to another context) commits through it,
// in the transaction of the change and its audit entry.
import { Provider } from '@nestjs/common';
import { OutboxTable, TransactionalOutbox } from '@herald/platform/outbox';

export const MANAGEMENT_OUTBOX = Symbol('MANAGEMENT_OUTBOX');

export const managementOutboxProvider: Provider = {
  provide: MANAGEMENT_OUTBOX,
  inject: [TransactionalOutbox],
  useFactory: (outbox: TransactionalOutbox): OutboxTable => outbox.table('management_outbox'),
};
