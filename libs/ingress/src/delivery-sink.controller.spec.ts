import { asksForFailure } from './delivery-sink.controller';

describe('asksForFailure', () => {
  it('finds simulateFailure: true at any depth, in objects and arrays', () => {
    expect(asksForFailure('{"simulateFailure":true}')).toBe(true);
    expect(asksForFailure('{"data":{"items":[{"x":1},{"simulateFailure":true}]}}')).toBe(true);
    expect(asksForFailure('[[{"simulateFailure":true}]]')).toBe(true);
  });

  it('ignores other values, other keys and bodies that are not JSON', () => {
    expect(asksForFailure('{"simulateFailure":"true"}')).toBe(false);
    expect(asksForFailure('{"simulateFailure":false,"data":{"simulate_failure":true}}')).toBe(false);
    expect(asksForFailure('simulateFailure: true')).toBe(false);
    expect(asksForFailure('')).toBe(false);
  });
});
