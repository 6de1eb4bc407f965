// The dev delivery sink (SPEC §5; not registered when NODE_ENV=production):
// POST /api/v1/internal/delivery-sink/:provider records what it receives, byte for byte, and
// answers 500 when `simulateFailure: true` appears anywhere in the JSON body; GET of the same
// path lists what was recorded, for tests and the demo. Public: it stands in for a partner's endpoint.
import { Body, Controller, Get, Headers, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';
import { ErrorCode, HeraldError } from '@herald/contracts';
import { Public } from '@herald/platform/auth';
import { RawBody } from '@herald/platform/http';
import { DeliverySinkRepository, SinkReceipt } from './delivery-sink.repository';

const LIST_LIMIT = 1000;

@Controller('internal/delivery-sink')
@Public()
export class DeliverySinkController {
  constructor(private readonly receipts: DeliverySinkRepository) {}

  @Post(':provider')
  @HttpCode(200)
  @RawBody()
  @ApiBody({ schema: { type: 'object', description: 'Anything; recorded byte for byte. `simulateFailure: true` anywhere in a JSON body answers 500.' } })
  async receive(
    @Param('provider') provider: string,
    @Headers() headers: Record<string, unknown>,
    @Body() body: Buffer | undefined,
  ): Promise<{ received: true }> {
    const rawBody = body?.toString('utf8') ?? '';
    const simulatedFailure = asksForFailure(rawBody);
    await this.receipts.record({ provider, headers, raw_body: rawBody, simulated_failure: simulatedFailure });
    if (simulatedFailure) throw new HeraldError(ErrorCode.INTERNAL_SERVER_ERROR, 'Simulated failure (simulateFailure: true)');
    return { received: true };
  }

  @Get(':provider')
  list(@Param('provider') provider: string): Promise<SinkReceipt[]> {
    return this.receipts.list(provider, LIST_LIMIT);
  }
}

/** `simulateFailure: true` at any depth of a JSON body; a body that is not JSON never asks. */
export function asksForFailure(rawBody: string): boolean {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return false;
  }
  const pending: unknown[] = [body];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (!Array.isArray(value) && (value as Record<string, unknown>)['simulateFailure'] === true) return true;
    pending.push(...Object.values(value));
  }
  return false;
}
