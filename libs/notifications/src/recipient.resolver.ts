// Resolves who receives an event, always inside the event's tenant: named users, roles,
// groups and attribute rules, or the default alert route's roles when none are named.
import { Injectable } from '@nestjs/common';
import { EventAcceptedMessage, RecipientRule, UserId } from '@herald/contracts';
import { routeFor } from './alert-routing';
import { DirectoryEntry, DirectoryReader } from './directory.reader';

@Injectable()
export class RecipientResolver {
  constructor(private readonly directory: DirectoryReader) {}

  async resolve(event: EventAcceptedMessage): Promise<UserId[]> {
    const scope = event.recipients;
    const users = new Set<UserId>();
    if (!scope) {
      const matches = await this.directory.findMatching(event.tenant_id, [], routeFor(event.type, event.schema_version).roles, []);
      matches.forEach((u) => users.add(u.id));
      return [...users].sort();
    }
    const direct = await this.directory.findMatching(event.tenant_id, scope.users ?? [], scope.roles ?? [], scope.groups ?? []);
    direct.forEach((u) => users.add(u.id));
    if (scope.rules?.length) {
      const everyone = await this.directory.findAll(event.tenant_id);
      everyone.filter((u) => scope.rules?.every((r) => matchesRule(u, r))).forEach((u) => users.add(u.id));
    }
    return [...users].sort();
  }
}

export function matchesRule(user: DirectoryEntry, rule: RecipientRule): boolean {
  const actual: unknown =
    rule.field === 'roles' ? user.roles : rule.field === 'groups' ? user.groups : user.attributes[rule.field.replace(/^attributes\./, '')];
  switch (rule.op) {
    case 'eq':
      return actual === rule.value;
    case 'in':
      return Array.isArray(rule.value) && rule.value.some((v) => (Array.isArray(actual) ? actual.includes(v) : v === actual));
    case 'contains':
      return Array.isArray(actual) ? actual.includes(rule.value) : typeof actual === 'string' && actual.includes(String(rule.value));
  }
}
