// The tenant's alert-rule routes (SPEC §9): GET /alert-rules (what the notification service
// applies, beside the defaults) and PUT /alert-rules (the whole rule set; 202 with its version,
// applied asynchronously). JWT or API key, scope `alerts:manage` or role `admin`. HTTP to
// AlertRulesService, nothing else.
import { Body, Controller, Get, HttpCode, Put, UsePipes } from '@nestjs/common';
import { Principal } from '@herald/contracts';
import { CurrentPrincipal, RequireAccess } from '@herald/platform/auth';
import { RouteBodyLimit } from '@herald/platform/http';
import { RejectNulPipe } from '../reject-nul.pipe';
import { AlertRulesAccepted, AlertRulesView, PutAlertRulesDto } from './alert-rules.dto';
import { AlertRulesService } from './alert-rules.service';

const ALERT_RULES_ACCESS = { scopes: ['alerts:manage' as const], orRoles: ['admin' as const] };

/** A rule set's body: far more than 100 ordinary rules take, far less than MAX_BODY_BYTES. */
export const ALERT_RULES_BODY_LIMIT = 64 * 1024;

@Controller('alert-rules')
@RequireAccess(ALERT_RULES_ACCESS)
@UsePipes(RejectNulPipe)
export class AlertRulesController {
  constructor(private readonly alertRules: AlertRulesService) {}

  @Get()
  get(@CurrentPrincipal() caller: Principal): Promise<AlertRulesView> {
    return this.alertRules.get(caller);
  }

  @Put()
  @HttpCode(202)
  @RouteBodyLimit(ALERT_RULES_BODY_LIMIT)
  put(@CurrentPrincipal() caller: Principal, @Body() body: PutAlertRulesDto): Promise<AlertRulesAccepted> {
    return this.alertRules.put(caller, body);
  }
}
