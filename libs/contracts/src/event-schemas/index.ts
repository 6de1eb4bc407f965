// Public API of the event schema registry: definitions with their alert routes, registry,
// singleton, common payload fields and facade map.
export * from './event-schema.types';
export * from './event-envelope.schema';
export * from './event-schema.registry';
export * from './event-schema-definitions';
export * from './canonical-facades';
export * from './common-payload-fields';
export * from './revenue-impact.schema';
export * from './cost-optimization.schema';
export * from './operational-efficiency.schema';
export * from './strategic-decision.schema';
export * from './email-deliverability.schema';
export * from './resource-usage.schema';
export * from './conversation-created.schema';
export * from './message-received.schema';
export * from './review-created.schema';
export * from './lead-converted.schema';
export * from './sync-failed.schema';
export * from './content-approved.schema';
