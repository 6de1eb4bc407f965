// Bodies and query of the operator's tenant routes (SPEC §9 POST/GET/PATCH /tenants).
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQueryDto } from '../paging';
import { Plan, PLANS } from './plan';

/** Tenant ids travel in tokens and URLs: lower-case letters, digits, `_` and `-`. */
export const TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{1,63}$/;

export class CreateTenantDto {
  /** Chosen by the operator, or generated (`tn_<12 hex>`). */
  @IsOptional()
  @IsString()
  @Matches(TENANT_ID_PATTERN, { message: 'id must be 2–64 characters: lower-case letters, digits, _ and -' })
  id?: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsOptional()
  @IsIn(PLANS)
  plan?: Plan;
}

export class UpdateTenantDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional()
  @IsIn(PLANS)
  plan?: Plan;
}

export class TenantListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(PLANS)
  plan?: Plan;
}

/** A tenant as the API shows it. */
export interface TenantView {
  id: string;
  name: string;
  plan: Plan;
  created_at: string;
  updated_at: string;
}
