// Operator route POST /events/:id/replay (SPEC §9), `x-internal-api-key` only: 202 once the
// request is stored. HTTP to ReplayService, nothing else.
import { Body, Controller, HttpCode, Param, Post, UsePipes } from '@nestjs/common';
import { OperatorOnly } from '@herald/platform/auth';
import { RejectNulPipe } from '../reject-nul.pipe';
import { ReplayAccepted, ReplayRequestDto } from './replay.dto';
import { ReplayService } from './replay.service';

@Controller('events')
@OperatorOnly()
@UsePipes(RejectNulPipe)
export class ReplayController {
  constructor(private readonly replays: ReplayService) {}

  @Post(':id/replay')
  @HttpCode(202)
  replay(@Param('id') id: string, @Body() body: ReplayRequestDto): Promise<ReplayAccepted> {
    return this.replays.replay(id, body);
  }
}
