// POST /api/v1/internal/events, /batch and the facades (/<segment>): HTTP to
// EventIngestionService, nothing else. Each takes an optional Idempotency-Key; a batch counts
// its items against the rate limits.
import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBody, SchemaObject } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { ErrorCode, EVENT_ENVELOPE_SCHEMA, Principal } from '@herald/contracts';
import { CurrentPrincipal, RateLimitWeight, RequireScopes } from '@herald/platform/auth';
import { ApiEnvelope, ApiErrors, RouteBodyLimit, toOpenApiSchema } from '@herald/platform/http';
import { BATCH_MAX_BODY_BYTES, BATCH_MAX_EVENTS, BatchAcceptedResponse, batchWeight } from './event-batch';
import { EventAcceptedResponse, EventIngestionService } from './event-ingestion.service';
import { IDEMPOTENCY_KEY_HEADER, idempotencyKeyOf } from './idempotency';
import { sendCreated } from './unit-writer';

const PUBLISHED_EVENT = toOpenApiSchema(EVENT_ENVELOPE_SCHEMA);
/** EventAcceptedResponse and BatchAcceptedResponse, for the OpenAPI documents. */
const ACCEPTED = { type: 'object', required: ['event_id', 'queued'], properties: { event_id: { type: 'string' }, queued: { type: 'boolean', enum: [true] } } } satisfies SchemaObject;
const BATCH_ACCEPTED = {
  type: 'object',
  required: ['results'],
  properties: {
    results: {
      type: 'array',
      description: 'One entry per item, in order: `event_id` when accepted, `error` (a SPEC §2 error with its `status`) when not.',
      items: {
        type: 'object',
        required: ['index'],
        properties: {
          index: { type: 'integer' },
          event_id: { type: 'string' },
          error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' }, status: { type: 'integer' } } },
        },
      },
    },
  },
} satisfies SchemaObject;

@Controller('internal/events')
export class EventsController {
  constructor(private readonly ingestion: EventIngestionService) {}

  @Post()
  @HttpCode(202)
  @ApiBody({ schema: PUBLISHED_EVENT })
  @ApiEnvelope(ACCEPTED)
  @ApiErrors(ErrorCode.IDEMPOTENCY_KEY_REUSED, 422)
  @RequireScopes('events:publish')
  async publish(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Headers(IDEMPOTENCY_KEY_HEADER) key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EventAcceptedResponse> {
    return sendCreated(reply, await this.ingestion.publish(principal, body, idempotencyKeyOf(key)));
  }

  // a static segment: Fastify's router prefers it to the facade parameter below
  @Post('batch')
  @HttpCode(202)
  @ApiBody({ schema: { type: 'object', required: ['events'], properties: { events: { type: 'array', minItems: 1, maxItems: BATCH_MAX_EVENTS, items: PUBLISHED_EVENT } } } })
  @ApiEnvelope(BATCH_ACCEPTED)
  @ApiErrors(ErrorCode.IDEMPOTENCY_KEY_REUSED, 422)
  @RequireScopes('events:publish')
  @RouteBodyLimit(BATCH_MAX_BODY_BYTES)
  @RateLimitWeight(batchWeight)
  async publishBatch(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Headers(IDEMPOTENCY_KEY_HEADER) key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BatchAcceptedResponse> {
    return sendCreated(reply, await this.ingestion.publishBatch(principal, body, idempotencyKeyOf(key)));
  }

  @Post(':facade')
  @HttpCode(202)
  @ApiBody({ schema: { type: 'object', description: "The facade's event: its payload fields (GET /event-types on the management API lists each type's schema)." } })
  @ApiEnvelope(ACCEPTED)
  @ApiErrors(404, ErrorCode.IDEMPOTENCY_KEY_REUSED, 422)
  @RequireScopes('events:publish')
  async publishFacade(
    @CurrentPrincipal() principal: Principal,
    @Param('facade') facade: string,
    @Body() body: unknown,
    @Headers(IDEMPOTENCY_KEY_HEADER) key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EventAcceptedResponse> {
    return sendCreated(reply, await this.ingestion.publishFacade(principal, facade, body, idempotencyKeyOf(key)));
  }
}
