// Headers of a message this context publishes (SPEC §6): the event it is about, its tenant,
// and the request id and trace of the work that decided it (the consumed message or the
// HTTP request), so the next consumer's log lines carry them too.
import { MessageHeaderValues, TenantId } from '@herald/contracts';
import { childTraceparent, RequestContext } from '@herald/platform/observability';

export function messageHeaders(eventId: string, tenantId: TenantId): MessageHeaderValues {
  const context = RequestContext.current();
  return {
    event_id: eventId,
    tenant_id: tenantId,
    request_id: context?.requestId ?? eventId,
    attempt: 1,
    traceparent: context?.traceparent ?? childTraceparent(),
  };
}
