// A notification trigger is accepted through acceptEvent and becomes a `notification` event
// with its recipients (routed `notification.<type>`); recipients are checked path by path.
import { HeraldError, Principal } from '@herald/contracts';
import { toOutboundMessage } from '@herald/event-store';
import { acceptNotification } from './notification-acceptance';
import { parseRecipients } from './notification-recipients';

const PRINCIPAL: Principal = { kind: 'user', subject: 'svc', tenant_id: 'tn_a', roles: [], groups: [], scopes: ['notifications:publish'] };
const LIMITS = { maxEventPayloadBytes: 65536 };
const ORIGIN = { requestId: 'req-1', traceparent: '' };
const TRIGGER = { type: 'content.approved', source: 'cms', payload: { content_id: 'c1' }, recipients: { roles: ['ops'] } };

function errorOf(fn: () => unknown): { status: number; paths: string[] } {
  try {
    fn();
  } catch (err) {
    const error = err as HeraldError;
    return { status: error.status, paths: ((error.details['errors'] ?? []) as Array<{ path: string }>).map((e) => e.path) };
  }
  throw new Error('expected an error');
}

describe('acceptNotification', () => {
  it('builds a notification event of the caller tenant, routed notification.<type>, timestamped on arrival when none is given', () => {
    const event = acceptNotification(PRINCIPAL, { ...TRIGGER, customer_id: 'cus_1' }, LIMITS, ORIGIN);
    expect(event).toMatchObject({ tenantId: 'tn_a', kind: 'notification', type: 'content.approved', recipients: { roles: ['ops'] }, customerId: 'cus_1' });
    expect(event.occurredAt.getTime()).toBe(event.receivedAt.getTime());
    expect(toOutboundMessage(event).routingKey).toBe('notification.content.approved');
  });

  it('checks the envelope before the recipients: not an object is 400, an unknown type 422 naming type', () => {
    expect(errorOf(() => acceptNotification(PRINCIPAL, [1], LIMITS, ORIGIN)).status).toBe(400);
    expect(errorOf(() => acceptNotification(PRINCIPAL, { ...TRIGGER, type: 'nope', recipients: {} }, LIMITS, ORIGIN))).toEqual({ status: 422, paths: ['type'] });
    expect(errorOf(() => acceptNotification(PRINCIPAL, { ...TRIGGER, customer_id: 7 }, LIMITS, ORIGIN))).toEqual({ status: 400, paths: ['customer_id'] });
  });
});

describe('parseRecipients', () => {
  it('keeps the non-empty scopes as given', () => {
    const rules = [{ field: 'attributes.region', op: 'in', value: ['eu'] }, { field: 'groups', op: 'contains', value: 'eng' }];
    expect(parseRecipients({ users: ['u1'], roles: [], rules })).toEqual({ users: ['u1'], rules });
  });

  it('needs at least one non-empty scope (422 naming recipients)', () => {
    for (const value of [undefined, null, {}, { users: [], groups: [] }]) expect(errorOf(() => parseRecipients(value))).toEqual({ status: 422, paths: ['recipients'] });
  });

  it('answers 400 for recipients or a scope of the wrong JSON type', () => {
    expect(errorOf(() => parseRecipients('all'))).toEqual({ status: 400, paths: ['recipients'] });
    expect(errorOf(() => parseRecipients({ rules: {} }))).toEqual({ status: 400, paths: ['recipients.rules'] });
  });

  it('names every malformed name and rule part', () => {
    const value = {
      users: ['u1', ''],
      rules: [
        { field: 'attributes.', op: 'eq', value: 1 },
        { field: 'roles', op: 'in', value: [] },
        { field: 'attributes.tier', op: 'eq', value: { nested: true } },
        'roles',
      ],
    };
    expect(errorOf(() => parseRecipients(value))).toEqual({
      status: 422,
      paths: ['recipients.users[1]', 'recipients.rules[0].field', 'recipients.rules[1].value', 'recipients.rules[2].value', 'recipients.rules[3]'],
    });
  });
});
