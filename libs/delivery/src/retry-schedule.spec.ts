import { decideAfterAttempt, RetryPolicy } from './retry-schedule';

const SPEC_SCHEDULE = [5, 30, 120, 600, 1800, 7200, 18000, 36000, 36000];
const policy: RetryPolicy = { scheduleSeconds: SPEC_SCHEDULE, floorSeconds: 60 };
const exact = () => 0.5; // no jitter
const retry = { outcome: 'retry' as const, errorClass: 'http_status' as const, status: 503 };

describe('decideAfterAttempt (SPEC §8)', () => {
  it('succeeds on success and fails at once on a fail outcome, whatever attempt it is', () => {
    expect(decideAfterAttempt(1, { outcome: 'success', status: 200 }, policy)).toEqual({ kind: 'succeeded' });
    expect(decideAfterAttempt(1, { outcome: 'fail', errorClass: 'http_status', status: 404 }, policy)).toEqual({ kind: 'failed', reason: 'http_status 404' });
  });

  it('follows the default schedule, about 28 h in all, and fails after the tenth attempt', () => {
    const delays = SPEC_SCHEDULE.map((_, i) => decideAfterAttempt(i + 1, retry, policy, exact));
    expect(delays.map((d) => (d.kind === 'retry' ? d.delaySeconds : d.kind))).toEqual(SPEC_SCHEDULE);
    expect(SPEC_SCHEDULE.reduce((a, b) => a + b) / 3600).toBeCloseTo(27.7, 1);
    expect(decideAfterAttempt(10, retry, policy, exact)).toEqual({ kind: 'failed', reason: 'http_status 503; no attempt left after 10' });
  });

  it('jitters each delay within ±20 %', () => {
    expect(decideAfterAttempt(2, retry, policy, () => 0)).toEqual({ kind: 'retry', delaySeconds: 24 });
    expect(decideAfterAttempt(2, retry, policy, () => 0.999999)).toMatchObject({ delaySeconds: expect.closeTo(36, 3) });
  });

  it('honours Retry-After within 1×–2× the scheduled delay', () => {
    const after = (seconds: number) => decideAfterAttempt(3, { ...retry, retryAfterSeconds: seconds }, policy, exact);
    expect(after(180)).toEqual({ kind: 'retry', delaySeconds: 180 });
    expect(after(10)).toEqual({ kind: 'retry', delaySeconds: 120 });
    expect(after(100_000)).toEqual({ kind: 'retry', delaySeconds: 240 });
  });

  it('waits at least the floor after a timeout or a 429, even with a shorter Retry-After', () => {
    expect(decideAfterAttempt(1, { outcome: 'retry', errorClass: 'timeout' }, policy, exact)).toEqual({ kind: 'retry', delaySeconds: 60 });
    expect(decideAfterAttempt(1, { ...retry, status: 429, retryAfterSeconds: 7 }, policy, exact)).toEqual({ kind: 'retry', delaySeconds: 60 });
    expect(decideAfterAttempt(1, { ...retry, status: 503 }, policy, exact)).toEqual({ kind: 'retry', delaySeconds: 5 });
  });

  it('takes decimal test schedules and floors', () => {
    const fast: RetryPolicy = { scheduleSeconds: [0.2, 0.5], floorSeconds: 0.3 };
    expect(decideAfterAttempt(1, retry, fast, exact)).toEqual({ kind: 'retry', delaySeconds: 0.2 });
    expect(decideAfterAttempt(1, { outcome: 'retry', errorClass: 'timeout' }, fast, exact)).toEqual({ kind: 'retry', delaySeconds: 0.3 });
    expect(decideAfterAttempt(3, retry, fast, exact)).toMatchObject({ kind: 'failed' });
  });
});
