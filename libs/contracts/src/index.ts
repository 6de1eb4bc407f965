// Public API of the contracts lib: the published language every app and lib speaks.
export * from './errors/error-codes';
export * from './errors/herald-errors';
export * from './envelope';
export * from './messages/topology';
export * from './messages/message-contract';
export * from './messages/event-accepted.message';
export * from './messages/api-key-used.message';
export * from './auth/principal';
export * from './ids';
export * from './event-schemas';
export * from './schema-validator';
export * from './plans';
export * from './messages/delivery-job.message';
export * from './messages/webhook-recover.message';
export * from './integration-providers';
export * from './event-type-filter';
export * from './alert-rules/alert-rule';
