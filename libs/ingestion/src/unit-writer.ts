// The last step of every creating route: the accepted events go to the event store as one
// unit with the request's Idempotency-Key reservation (its answer is known before the commit:
// event ids are made here) and the audit entries of its alerts, all in one statement.
import { Injectable } from '@nestjs/common';
import { Principal, TenantId } from '@herald/contracts';
import { AcceptedEvent, EventAuditEntry, OutboxWriter } from '@herald/event-store';
import { FastifyReply } from 'fastify';
import { auditActor, canonicalSha256 } from '@herald/platform/persistence';
import { IDEMPOTENCY_REPLAYED_HEADER, requestHash } from './idempotency';

/** What a creating route answers: its status and body, and whether that is a key's replay. */
export interface CreatedAnswer<T> {
  statusCode: number;
  body: T;
  replayed: boolean;
}

/** The request as the key sees it: which operation, with which body, under which key. */
export interface IdempotentRequest {
  operation: string;
  body: unknown;
  key?: string;
}

const ACCEPTED = 202;
const AUDITED_SEVERITIES = new Set(['high', 'critical']);

@Injectable()
export class UnitWriter {
  constructor(private readonly writer: OutboxWriter) {}

  /**
   * Stores the events (possibly none, when only a batch's refusals are to be remembered) and
   * answers `response` with 202 — or, when the key was already used for the same request, that
   * request's answer. Without a key and without events nothing is written.
   */
  async store<T>(principal: Principal, request: IdempotentRequest, events: AcceptedEvent[], response: T): Promise<CreatedAnswer<T>> {
    if (!request.key && events.length === 0) return { statusCode: ACCEPTED, body: response, replayed: false };
    const outcome = await this.writer.appendUnit({
      tenantId: principal.tenant_id as TenantId,
      events,
      audit: alertAudit(principal, events),
      idempotency: request.key
        ? { key: request.key, requestHash: requestHash(request.operation, request.body), response: { statusCode: ACCEPTED, body: response } }
        : undefined,
    });
    if (outcome.replayed) return { statusCode: outcome.response.statusCode, body: outcome.response.body as T, replayed: true };
    return { statusCode: ACCEPTED, body: response, replayed: false };
  }
}

/** SPEC §3: publishing a high or critical alert is audited, with the canonical payload's sha256. */
function alertAudit(principal: Principal, events: AcceptedEvent[]): EventAuditEntry[] {
  const entries: EventAuditEntry[] = [];
  for (const event of events) {
    const severity = event.payload['severity'];
    if (typeof severity !== 'string' || !AUDITED_SEVERITIES.has(severity)) continue;
    entries.push({
      eventId: event.id,
      requestId: event.requestId,
      actor: auditActor(principal),
      action: 'alert.published',
      fingerprint: canonicalSha256(event.payload),
    });
  }
  return entries;
}

/** Sends a creating route's answer: its status, and `Idempotency-Replayed: true` on a replay. */
export function sendCreated<T>(reply: FastifyReply, answer: CreatedAnswer<T>): T {
  reply.status(answer.statusCode);
  if (answer.replayed) reply.header(IDEMPOTENCY_REPLAYED_HEADER, 'true');
  return answer.body;
}
