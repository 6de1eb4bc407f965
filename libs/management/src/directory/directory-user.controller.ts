// The tenant's directory routes (SPEC §9): PUT/GET/DELETE /users/:id, GET /users. JWT or API
// key, scope `directory:manage` or role `admin`. HTTP to DirectoryUserService, nothing else.
import { Body, Controller, Delete, Get, Param, Put, Query, Res, UsePipes } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Page, Principal } from '@herald/contracts';
import { CurrentPrincipal, RequireAccess } from '@herald/platform/auth';
import { ApiEnvelope, ApiErrors } from '@herald/platform/http';
import { RejectNulPipe } from '../reject-nul.pipe';
import { DirectoryUserQueryDto, DirectoryUserView, PutDirectoryUserDto } from './directory-user.dto';
import { DirectoryUserService } from './directory-user.service';

const DIRECTORY_ACCESS = { scopes: ['directory:manage' as const], orRoles: ['admin' as const] };

@Controller('users')
@RequireAccess(DIRECTORY_ACCESS)
@UsePipes(RejectNulPipe)
export class DirectoryUserController {
  constructor(private readonly users: DirectoryUserService) {}

  @Get()
  @ApiEnvelope(undefined, { paged: true })
  list(@CurrentPrincipal() caller: Principal, @Query() query: DirectoryUserQueryDto): Promise<Page<DirectoryUserView>> {
    return this.users.list(caller, query);
  }

  /** 201 when the user is new, 200 when replaced. */
  @Put(':id')
  @ApiEnvelope(undefined, { statuses: [200, 201] })
  @ApiErrors(422)
  async put(
    @CurrentPrincipal() caller: Principal,
    @Param('id') id: string,
    @Body() body: PutDirectoryUserDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DirectoryUserView> {
    const { user, created } = await this.users.put(caller, id, body);
    reply.status(created ? 201 : 200);
    return user;
  }

  @Get(':id')
  @ApiErrors(404)
  get(@CurrentPrincipal() caller: Principal, @Param('id') id: string): Promise<DirectoryUserView> {
    return this.users.get(caller, id);
  }

  @Delete(':id')
  @ApiErrors(404)
  delete(@CurrentPrincipal() caller: Principal, @Param('id') id: string): Promise<{ id: string; deleted: true }> {
    return this.users.delete(caller, id);
  }
}
