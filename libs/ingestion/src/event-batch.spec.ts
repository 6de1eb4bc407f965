// The batch list rules: 400 for a malformed body, 422 naming `events` for an empty or too long list.
import { HeraldError, InsufficientPermissionsError } from '@herald/contracts';
import { BATCH_MAX_EVENTS, batchItems, batchWeight, itemError } from './event-batch';

function statusOf(body: unknown): number | undefined {
  try {
    batchItems(body);
    return undefined;
  } catch (err) {
    return (err as HeraldError).status;
  }
}

describe('batchWeight', () => {
  it('counts a batch of N items as N against the rate limits, invalid items included', () => {
    expect(batchWeight({ events: [{}, 'not an event', {}] })).toBe(3);
    expect(batchWeight({ events: new Array(BATCH_MAX_EVENTS).fill({}) })).toBe(BATCH_MAX_EVENTS);
  });

  it('counts 1 for a body the route refuses whole: not an object, events not an array, empty or too long', () => {
    for (const body of [null, 'x', [1, 2], {}, { events: {} }, { events: [] }, { events: new Array(BATCH_MAX_EVENTS + 1).fill({}) }]) {
      expect(batchWeight(body)).toBe(1);
    }
  });
});

describe('batchItems', () => {
  it('returns the items of a list of 1 to BATCH_MAX_EVENTS', () => {
    expect(batchItems({ events: [1, 2] })).toEqual([1, 2]);
    expect(batchItems({ events: new Array(BATCH_MAX_EVENTS).fill({}) })).toHaveLength(BATCH_MAX_EVENTS);
  });

  it('refuses a body that is not an object, or whose events is missing or not an array, with 400', () => {
    for (const body of [null, 'x', [1], {}, { events: {} }]) expect(statusOf(body)).toBe(400);
  });

  it('refuses an empty list and a list over BATCH_MAX_EVENTS with 422 naming events', () => {
    expect(statusOf({ events: [] })).toBe(422);
    expect(statusOf({ events: new Array(BATCH_MAX_EVENTS + 1).fill({}) })).toBe(422);
    expect(() => batchItems({ events: [] })).toThrow(expect.objectContaining({ details: { errors: [expect.objectContaining({ path: 'events' })] } }));
  });
});

describe('itemError', () => {
  it('turns a typed error into the item result with its code and status, and rethrows anything else', () => {
    expect(itemError(3, new InsufficientPermissionsError('no'))).toEqual({
      index: 3,
      error: { code: 'INSUFFICIENT_PERMISSIONS', message: 'no', details: {}, status: 403 },
    });
    expect(() => itemError(0, new Error('boom'))).toThrow('boom');
  });
});
