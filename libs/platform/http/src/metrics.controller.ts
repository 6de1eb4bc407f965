// GET /metrics (outside /api/v1): the app's prom-client registry in Prometheus text format.
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { Public } from '@herald/platform/auth';
import { Metrics } from '@herald/platform/observability';
import { RawResponse } from './envelope';

@Public()
@RawResponse()
@Controller()
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get('metrics')
  @ApiOkResponse({ description: 'Prometheus text format.', content: { 'text/plain': { schema: { type: 'string' } } } })
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
