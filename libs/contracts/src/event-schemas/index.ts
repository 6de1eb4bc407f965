// Public API of the event schema registry: definitions, registry, singleton and facade map.
export * from './event-schema.types';
export * from './event-schema.registry';
export * from './event-schema-definitions';
export * from './canonical-facades';
export { SEVERITY_LEVELS } from './payload-schema-fields';
export type { EventSeverity } from './payload-schema-fields';
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
