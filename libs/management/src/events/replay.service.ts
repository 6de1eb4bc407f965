// Replays an event (SPEC §9 POST /events/:id/replay): re-delivers it to the tenant's CURRENT
// enabled webhook subscriptions whose filters take its type (when the tenant's plan includes
// webhooks) and to the callback of the integration it came through, with fresh delivery ids.
// The request, its audit entry (`event.replay_requested`) and its jobs commit together before
// anything is published; ReplayDispatchWatcher audits `event.replay_dispatched` once the relay
// has published them all.
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NotFoundError, parseTenantId, planAllows } from '@herald/contracts';
import { childTraceparent, RequestContext } from '@herald/platform/observability';
import { auditEntry, AuditEntry, OPERATOR_ACTOR } from '../audit/audit-entry';
import { TenantRepository } from '../tenants/tenant.repository';
import { ReplayAccepted, ReplayRequestDto } from './replay.dto';
import { DispatchedReplay, ReplayRequestRepository } from './replay-request.repository';
import { replayJobs } from './replay-jobs';
import { ReplayableEvent, ReplayTargetReader } from './replay-target.reader';

const ENTITY = 'event';

@Injectable()
export class ReplayService {
  constructor(
    private readonly targets: ReplayTargetReader,
    private readonly tenants: TenantRepository,
    private readonly replays: ReplayRequestRepository,
  ) {}

  async replay(eventId: string, body: ReplayRequestDto): Promise<ReplayAccepted> {
    const event = await this.targets.event(eventId);
    if (!event) throw new NotFoundError(ENTITY, eventId);
    const tenantId = parseTenantId(event.tenant_id);
    const id = randomUUID();
    const context = RequestContext.current();
    const requestId = context?.requestId ?? id;
    const headers = { event_id: event.id, tenant_id: tenantId, request_id: requestId, attempt: 1, traceparent: context?.traceparent ?? childTraceparent() };
    const jobs = replayJobs(event, id, await this.destinations(event), headers);
    const deliveryIds = jobs.map((job) => job.messageId);
    const payload = { replay_request_id: id, event_id: event.id, requested_by: body.requested_by, reason: body.reason, delivery_ids: deliveryIds };
    const audit = { ...auditEntry(OPERATOR_ACTOR, tenantId, { action: 'event.replay_requested', entityType: ENTITY, entityId: event.id, payload }), requestId };
    await this.replays.create({ id, tenantId, eventId: event.id, requestedBy: body.requested_by, reason: body.reason, requestId, jobs }, audit);
    return { replay_request_id: id, event_id: event.id };
  }

  private async destinations(event: ReplayableEvent) {
    const tenantId = parseTenantId(event.tenant_id);
    const plan = await this.tenants.planOf(tenantId);
    const subscriptions = plan !== null && planAllows(plan, 'webhooks') ? await this.targets.subscriptions(tenantId) : [];
    const callback = event.integration_id !== null && (await this.targets.hasCallback(event.integration_id));
    return { subscriptions, callbackIntegrationId: callback ? event.integration_id : null };
  }
}

/** The dispatch's audit entry: the request's own request id, so both entries of a replay share it. */
export function dispatchAudit(replay: DispatchedReplay): AuditEntry {
  const payload = { replay_request_id: replay.id, event_id: replay.event_id, delivery_ids: replay.delivery_ids };
  const entry = auditEntry(OPERATOR_ACTOR, parseTenantId(replay.tenant_id), { action: 'event.replay_dispatched', entityType: ENTITY, entityId: replay.event_id, payload });
  return { ...entry, requestId: replay.request_id };
}
