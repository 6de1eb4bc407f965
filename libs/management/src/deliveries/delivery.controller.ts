// Operator route GET /deliveries (SPEC §9): `x-internal-api-key` only. HTTP to
// DeliveryService, nothing else.
import { Controller, Get, Query, UsePipes } from '@nestjs/common';
import { Page } from '@herald/contracts';
import { OperatorOnly } from '@herald/platform/auth';
import { ApiEnvelope } from '@herald/platform/http';
import { RejectNulPipe } from '../reject-nul.pipe';
import { DeliveryQueryDto, DeliveryView } from './delivery.dto';
import { DeliveryService } from './delivery.service';

@Controller('deliveries')
@OperatorOnly()
@UsePipes(RejectNulPipe)
export class DeliveryController {
  constructor(private readonly deliveries: DeliveryService) {}

  @Get()
  @ApiEnvelope(undefined, { paged: true })
  list(@Query() query: DeliveryQueryDto): Promise<Page<DeliveryView>> {
    return this.deliveries.list(query);
  }
}
