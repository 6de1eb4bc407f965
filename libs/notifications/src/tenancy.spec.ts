// Tenancy in the types: every repository method of this context takes the TenantId first, so
// a call that forgets it, passes a bare string or swaps it with a user id does not compile.
// `tsc -p tsconfig.build.json` compiles spec files and fails on an @ts-expect-error line that
// is not an error, so these lines are the test; Jest only runs the harmless rest.
import { parseTenantId, parseUserId } from '@herald/contracts';
import { DirectoryReader } from './directory.reader';
import { NewNotification } from './notification-batch';
import { NotificationRepository } from './notification.repository';
import { FeedFilter } from './feed-item';

const tenant = parseTenantId('tn_a');
const user = parseUserId('u1');
const filter: FeedFilter = { status: 'all', limit: 10 };

/** The calls, never made: each has only to compile, or to fail to. */
function repositoryCalls(notifications: NotificationRepository, directory: DirectoryReader, notification: NewNotification) {
  return [
    () => notifications.feed(tenant, user, filter),
    // @ts-expect-error the user id where the tenant goes
    () => notifications.feed(user, tenant, filter),
    // @ts-expect-error a bare string is not a tenant
    () => notifications.feed('tn_a', user, filter),
    () => notifications.saveForEvent(tenant, notification, [user], () => []),
    // @ts-expect-error the tenant forgotten
    () => notifications.saveForEvent(notification, [user], () => []),
    // @ts-expect-error a tenant among the recipients
    () => notifications.saveForEvent(tenant, notification, [tenant], () => []),
    () => notifications.positionOf(tenant, user, 'id'),
    // @ts-expect-error the user id where the tenant goes
    () => notifications.positionOf(user, tenant, 'id'),
    () => notifications.after(tenant, user, '1', 10),
    // @ts-expect-error a bare string is not a tenant
    () => notifications.after('tn_a', user, '1', 10),
    () => directory.findMatching(tenant, { ids: [user], roles: ['ops'] }),
    // @ts-expect-error the user id where the tenant goes
    () => directory.findMatching(user, { ids: [user], roles: ['ops'] }),
    // @ts-expect-error a tenant among the named users
    () => directory.findMatching(tenant, { ids: [tenant] }),
  ];
}

describe('tenancy in the types', () => {
  it('compiles only calls that take the TenantId first (checked by tsc)', () => {
    expect(typeof repositoryCalls).toBe('function');
  });
});
