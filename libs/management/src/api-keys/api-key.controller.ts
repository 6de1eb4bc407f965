// The tenant's API-key routes (SPEC §9): POST/GET /api-keys, GET /api-keys/:id,
// POST /api-keys/:id/rotate, DELETE /api-keys/:id (revoke). JWT or API key, scope
// `keys:manage` or role `admin`. HTTP to ApiKeyService, nothing else.
import { Body, Controller, Delete, Get, Param, Post, Query, UsePipes } from '@nestjs/common';
import { ErrorCode, Page, Principal } from '@herald/contracts';
import { CurrentPrincipal, RequireAccess } from '@herald/platform/auth';
import { ApiEnvelope, ApiErrors } from '@herald/platform/http';
import { RejectNulPipe } from '../reject-nul.pipe';
import { PageQueryDto } from '../paging';
import { ApiKeyView, CreateApiKeyDto, IssuedApiKey, RotateApiKeyDto } from './api-key.dto';
import { ApiKeyService, RotatedApiKey } from './api-key.service';

const KEYS_ACCESS = { scopes: ['keys:manage' as const], orRoles: ['admin' as const] };

@Controller('api-keys')
@RequireAccess(KEYS_ACCESS)
@ApiErrors(ErrorCode.PLAN_UPGRADE_REQUIRED)
@UsePipes(RejectNulPipe)
export class ApiKeyController {
  constructor(private readonly apiKeys: ApiKeyService) {}

  @Post()
  @ApiErrors(409, 422)
  create(@CurrentPrincipal() caller: Principal, @Body() body: CreateApiKeyDto): Promise<IssuedApiKey> {
    return this.apiKeys.create(caller, body);
  }

  @Get()
  @ApiEnvelope(undefined, { paged: true })
  list(@CurrentPrincipal() caller: Principal, @Query() query: PageQueryDto): Promise<Page<ApiKeyView>> {
    return this.apiKeys.list(caller, query);
  }

  @Get(':id')
  @ApiErrors(404)
  get(@CurrentPrincipal() caller: Principal, @Param('id') id: string): Promise<ApiKeyView> {
    return this.apiKeys.get(caller, id);
  }

  @Post(':id/rotate')
  @ApiErrors(404, 409)
  rotate(@CurrentPrincipal() caller: Principal, @Param('id') id: string, @Body() body: RotateApiKeyDto): Promise<RotatedApiKey> {
    return this.apiKeys.rotate(caller, id, body);
  }

  @Delete(':id')
  @ApiErrors(404)
  revoke(@CurrentPrincipal() caller: Principal, @Param('id') id: string): Promise<ApiKeyView> {
    return this.apiKeys.revoke(caller, id);
  }
}
