// GET and PUT /api/v1/notifications/preferences[?customer_id=] (SPEC §7): HTTP to
// PreferencesService, nothing else. The caller's own preferences only.
import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { Principal } from '@herald/contracts';
import { CurrentPrincipal, RequireAccess } from '@herald/platform/auth';
import { ApiErrors } from '@herald/platform/http';
import { PreferencesService, PreferencesView } from './preferences.service';

const ACCESS = { scopes: ['notifications:read' as const], orRoles: 'any' as const };

@Controller('notifications/preferences')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get()
  @RequireAccess(ACCESS)
  get(@CurrentPrincipal() principal: Principal, @Query('customer_id') customerId: unknown): Promise<PreferencesView> {
    return this.preferences.get(principal, customerId);
  }

  @Put()
  @ApiErrors(422)
  @RequireAccess(ACCESS)
  put(@CurrentPrincipal() principal: Principal, @Query('customer_id') customerId: unknown, @Body() body: unknown): Promise<PreferencesView> {
    return this.preferences.put(principal, customerId, body);
  }
}
