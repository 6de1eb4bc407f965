// Rule matching of rule-based recipients (SPEC §4): eq, in and contains on attributes, roles and groups.
import { parseUserId } from '@herald/contracts';
import { matchesRule } from './recipient.resolver';

const user = { id: parseUserId('u1'), roles: ['ops'], groups: ['oncall', 'eu'], attributes: { region: 'eu', tier: 'gold', note: 'vip customer' } };

describe('matchesRule', () => {
  it('matches eq, in and contains on attributes', () => {
    expect(matchesRule(user, { field: 'attributes.region', op: 'eq', value: 'eu' })).toBe(true);
    expect(matchesRule(user, { field: 'attributes.region', op: 'eq', value: 'us' })).toBe(false);
    expect(matchesRule(user, { field: 'attributes.tier', op: 'in', value: ['gold', 'silver'] })).toBe(true);
    expect(matchesRule(user, { field: 'attributes.note', op: 'contains', value: 'vip' })).toBe(true);
  });

  it('matches roles and groups as sets', () => {
    expect(matchesRule(user, { field: 'roles', op: 'contains', value: 'ops' })).toBe(true);
    expect(matchesRule(user, { field: 'groups', op: 'in', value: ['eu', 'us'] })).toBe(true);
    expect(matchesRule(user, { field: 'groups', op: 'contains', value: 'leadership' })).toBe(false);
  });

  it('treats a missing attribute as no match', () => {
    expect(matchesRule(user, { field: 'attributes.unknown', op: 'eq', value: 'x' })).toBe(false);
  });
});
