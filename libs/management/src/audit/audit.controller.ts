// Operator route GET /audit-entries (SPEC §9): `x-internal-api-key` only. HTTP to
// AuditService, nothing else.
import { Controller, Get, Query, UsePipes } from '@nestjs/common';
import { Page } from '@herald/contracts';
import { OperatorOnly } from '@herald/platform/auth';
import { ApiEnvelope } from '@herald/platform/http';
import { RejectNulPipe } from '../reject-nul.pipe';
import { AuditEntryView, AuditQueryDto } from './audit-entry.dto';
import { AuditService } from './audit.service';

@Controller('audit-entries')
@OperatorOnly()
@UsePipes(RejectNulPipe)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiEnvelope(undefined, { paged: true })
  list(@Query() query: AuditQueryDto): Promise<Page<AuditEntryView>> {
    return this.audit.list(query);
  }
}
