// The tenant's user directory (SPEC §9), the recipients of notifications: PUT creates or
// replaces a user, GET reads one or a page, DELETE removes one; writes are audited.
import { Injectable } from '@nestjs/common';
import { NotFoundError, Page, Principal, tenantIdOf } from '@herald/contracts';
import { resolveTenant } from '@herald/platform/auth';
import { auditEntry } from '../audit/audit-entry';
import { pageOf, pageWindow } from '../paging';
import { DirectoryRepository } from './directory.repository';
import { DirectoryUserQueryDto, DirectoryUserView, PutDirectoryUserDto } from './directory-user.dto';
import { checkDirectoryUser, directoryUserId } from './directory-user.rules';

const ENTITY = 'directory_user';

@Injectable()
export class DirectoryUserService {
  constructor(private readonly directory: DirectoryRepository) {}

  async put(caller: Principal, id: string, body: PutDirectoryUserDto): Promise<{ user: DirectoryUserView; created: boolean }> {
    const tenantId = resolveTenant(caller, body.tenant_id);
    const user = checkDirectoryUser(directoryUserId(id), body);
    const audit = auditEntry(caller, tenantId, { action: 'directory_user.put', entityType: ENTITY, entityId: user.id, payload: user });
    return this.directory.putUser(tenantId, user, audit);
  }

  async get(caller: Principal, id: string): Promise<DirectoryUserView> {
    const user = await this.directory.findUser(tenantIdOf(caller), directoryUserId(id));
    if (!user) throw new NotFoundError('user', id);
    return user;
  }

  async delete(caller: Principal, id: string): Promise<{ id: string; deleted: true }> {
    const tenantId = tenantIdOf(caller);
    const userId = directoryUserId(id);
    const audit = auditEntry(caller, tenantId, { action: 'directory_user.deleted', entityType: ENTITY, entityId: userId, payload: { id: userId } });
    if (!(await this.directory.deleteUser(tenantId, userId, audit))) throw new NotFoundError('user', id);
    return { id, deleted: true };
  }

  async list(caller: Principal, query: DirectoryUserQueryDto): Promise<Page<DirectoryUserView>> {
    const window = pageWindow(query);
    const { items, total } = await this.directory.listUsers(tenantIdOf(caller), window, { role: query.role, group: query.group });
    return pageOf(window, items, total);
  }
}
