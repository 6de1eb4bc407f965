// The notification context's outbox table (notification_outbox, migration 1763900001300),
// registered with the app's relay once; what the context publishes commits through it.
import { Provider } from '@nestjs/common';
import { OutboxTable, TransactionalOutbox } from '@herald/platform/outbox';

export const NOTIFICATION_OUTBOX = Symbol('NOTIFICATION_OUTBOX');

export const notificationOutboxProvider: Provider = {
  provide: NOTIFICATION_OUTBOX,
  inject: [TransactionalOutbox],
  useFactory: (outbox: TransactionalOutbox): OutboxTable => outbox.table('notification_outbox'),
};
