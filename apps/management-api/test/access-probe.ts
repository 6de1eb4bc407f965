// A probe route mounted beside an app's real composition, for tests of what the access
// guard lets through and hands a handler (the management API has no tenant route yet).
import { Body, Controller, DynamicModule, Get, HttpCode, Module, Post, Type } from '@nestjs/common';
import { Principal } from '@herald/contracts';
import { CurrentPrincipal, RequireScopes, resolveTenant } from '@herald/platform/auth';

@Controller('probe')
class AccessProbeController {
  @Get('principal')
  @RequireScopes('keys:manage')
  principal(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Post('tenant-scoped')
  @HttpCode(200)
  @RequireScopes('keys:manage')
  tenantScoped(@CurrentPrincipal() principal: Principal, @Body() body: { tenant_id?: string }): { tenant_id: string } {
    return { tenant_id: resolveTenant(principal, body.tenant_id) };
  }
}

@Module({})
class AccessProbeRoot {}

/** The app's module (and `extra` modules) plus the probe routes `GET /probe/principal` and `POST /probe/tenant-scoped`. */
export function withAccessProbe(app: DynamicModule, ...extra: Array<Type | DynamicModule>): DynamicModule {
  return { module: AccessProbeRoot, imports: [app, ...extra], controllers: [AccessProbeController] };
}
