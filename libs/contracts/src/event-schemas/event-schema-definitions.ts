// The list of every registered event schema version; add a new version's file here to register it.
import { contentApprovedSchemaV1 } from './content-approved.schema';
import { conversationCreatedSchemaV1 } from './conversation-created.schema';
import { costOptimizationSchemaV1 } from './cost-optimization.schema';
import { emailDeliverabilitySchemaV1 } from './email-deliverability.schema';
import { EventSchemaDefinition } from './event-schema.types';
import { leadConvertedSchemaV1 } from './lead-converted.schema';
import { messageReceivedSchemaV1 } from './message-received.schema';
import { operationalEfficiencySchemaV1 } from './operational-efficiency.schema';
import { resourceUsageSchemaV1 } from './resource-usage.schema';
import { revenueImpactSchemaV1 } from './revenue-impact.schema';
import { reviewCreatedSchemaV1 } from './review-created.schema';
import { strategicDecisionSchemaV1 } from './strategic-decision.schema';
import { syncFailedSchemaV1 } from './sync-failed.schema';

export const EVENT_SCHEMA_DEFINITIONS: readonly EventSchemaDefinition[] = Object.freeze([
  revenueImpactSchemaV1,
  costOptimizationSchemaV1,
  operationalEfficiencySchemaV1,
  strategicDecisionSchemaV1,
  emailDeliverabilitySchemaV1,
  resourceUsageSchemaV1,
  conversationCreatedSchemaV1,
  messageReceivedSchemaV1,
  reviewCreatedSchemaV1,
  leadConvertedSchemaV1,
  syncFailedSchemaV1,
  contentApprovedSchemaV1,
]);
