// POST /api/v1/webhooks/:provider and /:provider/:integration_id (SPEC §5; one optional
// parameter, absent = the provider's default integration): the raw bytes and headers to
// WebhookReceiptService; 202 for a new event, 200 for a provider event id already accepted.
// Public: the provider's signature or token is the authentication, checked by the service.
import { Body, Controller, Headers, Param, Post, Res } from '@nestjs/common';
import { ApiBody, SchemaObject } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@herald/platform/auth';
import { ApiEnvelope, ApiErrors, RawBody } from '@herald/platform/http';
import { WebhookReceipt, WebhookReceiptService } from './webhook-receipt.service';
import { InboundWebhook } from './webhook-provider';

/** WebhookReceipt, for the OpenAPI documents. */
const RECEIPT = {
  type: 'object',
  required: ['event_id', 'provider', 'provider_event_id', 'duplicate'],
  properties: { event_id: { type: 'string' }, provider: { type: 'string' }, provider_event_id: { type: 'string' }, duplicate: { type: 'boolean' } },
} satisfies SchemaObject;

@Controller('webhooks')
@Public()
export class WebhooksController {
  constructor(private readonly receipts: WebhookReceiptService) {}

  // two paths rather than Fastify's optional ':integration_id?', which OpenAPI cannot express
  @Post([':provider', ':provider/:integration_id'])
  @RawBody()
  @ApiBody({ schema: { type: 'object', description: "The provider's payload, verified byte for byte against its signature or token." } })
  @ApiEnvelope(RECEIPT, { statuses: [200, 202], description: '202 for a new event, 200 for a provider event id already accepted.' })
  @ApiErrors(401, 404)
  async receive(
    @Param('provider') provider: string,
    @Param('integration_id') integrationId: string | undefined,
    @Headers() headers: InboundWebhook['headers'],
    @Body() body: Buffer | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookReceipt> {
    const webhook: InboundWebhook = { headers, rawBody: body ?? Buffer.alloc(0), receivedAt: new Date() };
    const receipt = await this.receipts.receive(provider, integrationId || undefined, webhook);
    void reply.status(receipt.duplicate ? 200 : 202);
    return receipt;
  }
}
