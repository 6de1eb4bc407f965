// Operator routes for tenants and plans (SPEC §9): POST/GET /tenants, GET/PATCH /tenants/:id,
// `x-internal-api-key` only. HTTP to TenantService, nothing else.
import { Body, Controller, Get, Param, Patch, Post, Query, UsePipes } from '@nestjs/common';
import { Page } from '@herald/contracts';
import { OperatorOnly } from '@herald/platform/auth';
import { ApiEnvelope, ApiErrors } from '@herald/platform/http';
import { RejectNulPipe } from '../reject-nul.pipe';
import { CreateTenantDto, TenantListQueryDto, TenantView, UpdateTenantDto } from './tenant.dto';
import { TenantService } from './tenant.service';

@Controller('tenants')
@OperatorOnly()
@UsePipes(RejectNulPipe)
export class TenantController {
  constructor(private readonly tenants: TenantService) {}

  @Post()
  @ApiErrors(409, 422)
  create(@Body() body: CreateTenantDto): Promise<TenantView> {
    return this.tenants.create(body);
  }

  @Get()
  @ApiEnvelope(undefined, { paged: true })
  list(@Query() query: TenantListQueryDto): Promise<Page<TenantView>> {
    return this.tenants.list(query);
  }

  @Get(':id')
  @ApiErrors(404)
  get(@Param('id') id: string): Promise<TenantView> {
    return this.tenants.get(id);
  }

  @Patch(':id')
  @ApiErrors(404, 422)
  update(@Param('id') id: string, @Body() body: UpdateTenantDto): Promise<TenantView> {
    return this.tenants.update(id, body);
  }
}
