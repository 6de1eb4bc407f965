// Read-only view of the management context's user directory, for recipient resolution:
// always inside one tenant, and always in SQL — named users, roles, groups and attribute
// rules are one query over the tenant's rows (the (tenant_id, id) key, GIN indexes on
// roles, groups and attributes), never the whole directory loaded and filtered here.
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RecipientRule, TenantId, UserId } from '@herald/contracts';

export interface UserContact {
  email: string | null;
  phone: string | null;
}

/** Who an event names: user ids, roles, groups (any of them), and rules (all of them). */
export interface DirectoryCriteria {
  ids?: readonly UserId[];
  roles?: readonly string[];
  groups?: readonly string[];
  rules?: readonly RecipientRule[];
}

const ATTRIBUTE_FIELD = /^attributes\.([A-Za-z0-9_-]+)$/;

/**
 * One rule as a SQL condition over directory_users; every value goes in `params` (never into
 * the text). `eq` and `contains` on roles or groups mean membership, `in` any overlap. On
 * `attributes.<name>`: `eq` equality, `in` equality with one of the values (or, for an array
 * attribute, holding one), `contains` a substring of a string or an element of an array. A
 * rule this cannot read (unknown field, wrong value) matches nobody.
 */
export function ruleCondition(rule: RecipientRule, params: unknown[]): string {
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const scalar = (value: unknown): value is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof value);
  if (rule.field === 'roles' || rule.field === 'groups') {
    const column = rule.field;
    if (rule.op === 'in') return Array.isArray(rule.value) && rule.value.every(scalar) ? `${column} && ${param(rule.value.map(String))}::text[]` : 'false';
    return scalar(rule.value) ? `${column} @> ARRAY[${param(String(rule.value))}::text]` : 'false';
  }
  const attribute = ATTRIBUTE_FIELD.exec(rule.field)?.[1];
  if (!attribute) return 'false';
  const key = param(attribute);
  const actual = `(attributes -> ${key}::text)`;
  switch (rule.op) {
    case 'eq':
      // containment finds candidates through the GIN index; the equality makes `{"a":1}` not match `{"a":1,"b":2}`
      return scalar(rule.value)
        ? `attributes @> jsonb_build_object(${key}::text, ${param(JSON.stringify(rule.value))}::jsonb) AND ${actual} = ${param(JSON.stringify(rule.value))}::jsonb`
        : 'false';
    case 'in': {
      if (!Array.isArray(rule.value) || !rule.value.every(scalar)) return 'false';
      const values = param(JSON.stringify(rule.value));
      return `EXISTS (SELECT 1 FROM jsonb_array_elements(${values}::jsonb) AS v(value)
                       WHERE ${actual} = v.value OR (jsonb_typeof(${actual}) = 'array' AND ${actual} @> jsonb_build_array(v.value)))`;
    }
    case 'contains': {
      if (!scalar(rule.value)) return 'false';
      const text = param(String(rule.value));
      const element = param(JSON.stringify(rule.value));
      return `((jsonb_typeof(${actual}) = 'string' AND strpos(${actual} #>> '{}', ${text}::text) > 0)
               OR (jsonb_typeof(${actual}) = 'array' AND ${actual} @> jsonb_build_array(${element}::jsonb)))`;
    }
    default:
      return 'false';
  }
}

/** The WHERE clause and parameters that select the users of `tenantId` the criteria name. */
export function directoryQuery(tenantId: TenantId, criteria: DirectoryCriteria): { where: string; params: unknown[] } | undefined {
  const params: unknown[] = [tenantId];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const any: string[] = [];
  if (criteria.ids?.length) any.push(`id = ANY(${param([...new Set(criteria.ids)])}::text[])`);
  if (criteria.roles?.length) any.push(`roles && ${param([...criteria.roles])}::text[]`);
  if (criteria.groups?.length) any.push(`groups && ${param([...criteria.groups])}::text[]`);
  if (criteria.rules?.length) any.push(`(${criteria.rules.map((rule) => ruleCondition(rule, params)).join(' AND ')})`);
  if (any.length === 0) return undefined;
  return { where: `tenant_id = $1 AND (${any.join(' OR ')})`, params };
}

@Injectable()
export class DirectoryReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Ids of the tenant's users the criteria name (any of ids, roles, groups; or every rule), in id order. */
  async findMatching(tenantId: TenantId, criteria: DirectoryCriteria): Promise<UserId[]> {
    const query = directoryQuery(tenantId, criteria);
    if (!query) return [];
    const rows: Array<{ id: UserId }> = await this.dataSource.query(`SELECT id FROM directory_users WHERE ${query.where} ORDER BY id`, query.params);
    return rows.map((row) => row.id);
  }

  /** The email address and phone number of these users of the tenant (for the email and SMS fan-out). */
  async contacts(tenantId: TenantId, ids: readonly UserId[]): Promise<Map<UserId, UserContact>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: UserId; email: string | null; phone: string | null }> = await this.dataSource.query(
      'SELECT id, email, phone FROM directory_users WHERE tenant_id = $1 AND id = ANY($2::text[])',
      [tenantId, ids],
    );
    return new Map(rows.map((row) => [row.id, { email: row.email, phone: row.phone }]));
  }
}
