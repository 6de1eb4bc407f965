// Resolves who receives an event, always inside the event's tenant and in one SQL query:
// named users, roles, groups and attribute rules, or the alert route's roles (the tenant's
// rule or the type's default) when none are named. A named user id the tenant's directory
// does not hold (unknown, or another tenant's) is dropped and recorded in the log, never
// delivered to.
import { Inject, Injectable } from '@nestjs/common';
import { EventAcceptedMessage, UserId } from '@herald/contracts';
import { HERALD_LOGGER, HeraldLogger } from '@herald/platform/observability';
import { AlertRouting, EventRoute } from './alert-routing';
import { DirectoryReader } from './directory.reader';

/** At most this many dropped ids are named in the log line (the count is always there). */
const LOGGED_DROPPED_IDS = 20;

@Injectable()
export class RecipientResolver {
  constructor(
    private readonly directory: DirectoryReader,
    private readonly routing: AlertRouting,
    @Inject(HERALD_LOGGER) private readonly logger: HeraldLogger,
  ) {}

  /** The recipients' ids, de-duplicated and sorted; `route` saves reading the tenant's rules again. */
  async resolve(event: EventAcceptedMessage, route?: EventRoute): Promise<UserId[]> {
    const scope = event.recipients;
    if (!scope) {
      const roles = (route ?? (await this.routing.routeFor(event))).roles;
      return this.directory.findMatching(event.tenant_id, { roles });
    }
    const found = await this.directory.findMatching(event.tenant_id, { ids: scope.users, roles: scope.roles, groups: scope.groups, rules: scope.rules });
    const named = new Set(scope.users ?? []);
    if (named.size > 0) {
      const present = new Set(found);
      const dropped = [...named].filter((id) => !present.has(id));
      if (dropped.length > 0) {
        this.logger.warn(
          { event_id: event.event_id, tenant_id: event.tenant_id, dropped_recipients: dropped.length, user_ids: dropped.slice(0, LOGGED_DROPPED_IDS) },
          'recipients dropped: not users of the tenant',
        );
      }
    }
    return found;
  }
}
