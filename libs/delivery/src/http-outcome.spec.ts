import { httpStatusOutcome, retryAfterSeconds } from './http-outcome';

describe('httpStatusOutcome (SPEC §8)', () => {
  it('succeeds on any 2xx', () => {
    for (const status of [200, 201, 202, 204, 299]) expect(httpStatusOutcome(status)).toEqual({ outcome: 'success' });
  });

  it('retries 408, 429 and 5xx', () => {
    for (const status of [408, 429, 500, 502, 503, 599]) expect(httpStatusOutcome(status)).toEqual({ outcome: 'retry', errorClass: 'http_status' });
  });

  it('fails 3xx and other 4xx at once, and disables the destination on 410', () => {
    for (const status of [301, 302, 400, 401, 403, 404, 422]) expect(httpStatusOutcome(status)).toEqual({ outcome: 'fail', errorClass: 'http_status' });
    expect(httpStatusOutcome(410)).toEqual({ outcome: 'fail', errorClass: 'http_status', disableDestination: true });
  });
});

describe('retryAfterSeconds', () => {
  const now = new Date('2026-01-15T12:00:00Z');

  it('reads delay-seconds and HTTP dates', () => {
    expect(retryAfterSeconds('120', now)).toBe(120);
    expect(retryAfterSeconds('Thu, 15 Jan 2026 12:01:30 GMT', now)).toBe(90);
    expect(retryAfterSeconds('Thu, 15 Jan 2026 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores an absent or unreadable header', () => {
    expect(retryAfterSeconds(undefined, now)).toBeUndefined();
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
  });
});
