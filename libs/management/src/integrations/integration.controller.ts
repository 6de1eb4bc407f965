// Operator routes for integrations (SPEC §9): GET/POST /integrations, GET/PATCH
// /integrations/:id, `x-internal-api-key` only. HTTP to IntegrationService, nothing else.
import { Body, Controller, Get, Param, Patch, Post, Query, UsePipes } from '@nestjs/common';
import { Page } from '@herald/contracts';
import { OperatorOnly } from '@herald/platform/auth';
import { RejectNulPipe } from '../reject-nul.pipe';
import { CreateIntegrationDto, IntegrationListQueryDto, IntegrationView, UpdateIntegrationDto } from './integration.dto';
import { IntegrationService } from './integration.service';

@Controller('integrations')
@OperatorOnly()
@UsePipes(RejectNulPipe)
export class IntegrationController {
  constructor(private readonly integrations: IntegrationService) {}

  @Post()
  create(@Body() body: CreateIntegrationDto): Promise<IntegrationView> {
    return this.integrations.create(body);
  }

  @Get()
  list(@Query() query: IntegrationListQueryDto): Promise<Page<IntegrationView>> {
    return this.integrations.list(query);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<IntegrationView> {
    return this.integrations.get(id);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body() body: UpdateIntegrationDto): Promise<IntegrationView> {
    return this.integrations.update(id, body);
  }
}
