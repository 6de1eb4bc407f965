// Recipient rules as SQL (SPEC §4): every value is a bind parameter, never text of the query;
// roles and groups are array operators, attributes jsonb operators; a rule that cannot be
// read matches nobody. (What the conditions select is tested on Postgres in
// apps/notification-service/test/recipient-rules.int-spec.ts.)
import { parseTenantId, parseUserId, RecipientRule } from '@herald/contracts';
import { directoryQuery, ruleCondition } from './directory.reader';

const conditionOf = (rule: RecipientRule) => {
  const params: unknown[] = [];
  return { sql: ruleCondition(rule, params), params };
};

describe('recipient rules as SQL', () => {
  it('keeps values out of the query text', () => {
    const hostile = "x'); DROP TABLE directory_users; --";
    for (const op of ['eq', 'in', 'contains'] as const) {
      for (const field of ['roles', 'groups', 'attributes.region']) {
        const { sql, params } = conditionOf({ field, op, value: op === 'in' ? [hostile] : hostile });
        expect(sql).not.toContain('DROP');
        expect(JSON.stringify(params)).toContain('DROP TABLE');
      }
    }
  });

  it('reads eq and contains on roles and groups as membership, in as overlap', () => {
    expect(conditionOf({ field: 'roles', op: 'eq', value: 'ops' })).toEqual({ sql: 'roles @> ARRAY[$1::text]', params: ['ops'] });
    expect(conditionOf({ field: 'groups', op: 'contains', value: 'eu' })).toEqual({ sql: 'groups @> ARRAY[$1::text]', params: ['eu'] });
    expect(conditionOf({ field: 'groups', op: 'in', value: ['eu', 'us'] })).toEqual({ sql: 'groups && $1::text[]', params: [['eu', 'us']] });
  });

  it('matches nobody for a field or value it cannot read', () => {
    expect(conditionOf({ field: 'email', op: 'eq', value: 'a@b' }).sql).toBe('false');
    expect(conditionOf({ field: 'attributes.a.b', op: 'eq', value: 'x' }).sql).toBe('false');
    expect(conditionOf({ field: 'roles', op: 'in', value: 'ops' }).sql).toBe('false');
    expect(conditionOf({ field: 'attributes.tier', op: 'eq', value: { nested: true } }).sql).toBe('false');
  });

  it('puts the tenant first and ORs users, roles, groups with the AND of the rules', () => {
    const query = directoryQuery(parseTenantId('tn_a'), {
      ids: [parseUserId('u1'), parseUserId('u1')],
      roles: ['ops'],
      rules: [
        { field: 'attributes.region', op: 'eq', value: 'eu' },
        { field: 'groups', op: 'eq', value: 'oncall' },
      ],
    });
    expect(query?.where).toMatch(/^tenant_id = \$1 AND \(id = ANY\(\$2::text\[\]\) OR roles && \$3::text\[\] OR \(.+ AND groups @> ARRAY\[\$\d::text\]\)\)$/s);
    expect(query?.params.slice(0, 3)).toEqual(['tn_a', ['u1'], ['ops']]);
    expect(directoryQuery(parseTenantId('tn_a'), {})).toBeUndefined();
  });
});
