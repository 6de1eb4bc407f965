// Body and query of the tenant's directory routes (SPEC §9 PUT/GET/DELETE /users/:id,
// GET /users) and what they answer. Shapes here (400); what the values mean (known roles, an
// email, an E.164 phone) in directory-user.rules.ts (422).
import { ArrayMaxSize, IsArray, IsObject, IsOptional, IsString } from 'class-validator';
import { PageQueryDto } from '../paging';

/** The recipients' directory, as PUT replaces it: every field optional, absent = empty. */
export class PutDirectoryUserDto {
  @IsOptional()
  @IsString()
  tenant_id?: string;

  @IsOptional()
  @IsString()
  email?: string | null;

  @IsOptional()
  @IsString()
  phone?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  roles?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  groups?: string[];

  @IsOptional()
  @IsObject()
  attributes?: Record<string, unknown>;
}

export class DirectoryUserQueryDto extends PageQueryDto {
  /** Only users with this role. */
  @IsOptional()
  @IsString()
  role?: string;

  /** Only users in this group. */
  @IsOptional()
  @IsString()
  group?: string;
}

export interface DirectoryUserView {
  id: string;
  email: string | null;
  phone: string | null;
  roles: string[];
  groups: string[];
  attributes: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}
