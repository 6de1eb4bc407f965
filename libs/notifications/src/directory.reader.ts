// Read-only view of the management context's user directory, for recipient resolution.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DirectoryUserEntity } from '@herald/platform/persistence';

export interface DirectoryEntry {
  id: string;
  roles: string[];
  groups: string[];
  attributes: Record<string, unknown>;
}

@Injectable()
export class DirectoryReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Users of the tenant named by id, or holding any of the roles or groups. */
  async findMatching(tenantId: string, ids: readonly string[], roles: readonly string[], groups: readonly string[]): Promise<DirectoryEntry[]> {
    if (ids.length + roles.length + groups.length === 0) return [];
    return this.dataSource
      .getRepository(DirectoryUserEntity)
      .createQueryBuilder('u')
      .select(['u.id', 'u.roles', 'u.groups', 'u.attributes'])
      .where('u.tenant_id = :tenantId', { tenantId })
      .andWhere('(u.id = ANY(:ids) OR u.roles && :roles OR u.groups && :groups)', { ids, roles, groups })
      .getMany();
  }

  /** Every user of the tenant (rule-based recipients are matched in memory). */
  async findAll(tenantId: string): Promise<DirectoryEntry[]> {
    return this.dataSource.getRepository(DirectoryUserEntity).find({
      select: ['id', 'roles', 'groups', 'attributes'],
      where: { tenantId },
    });
  }
}
