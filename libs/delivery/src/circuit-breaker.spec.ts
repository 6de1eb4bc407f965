import { afterAttempt, CircuitState, CLOSED, MAX_COOLDOWN_SECONDS } from './circuit-breaker';

const now = new Date('2026-11-25T12:00:00Z');
const run = (outcomes: boolean[], from: CircuitState = CLOSED) => outcomes.reduce((s, failed) => afterAttempt(s, failed, false, now, 30), from);

describe('circuit breaker', () => {
  it('stays closed until more than half of at least 5 recent attempts failed', () => {
    expect(run([true, true, true, true]).openedUntil).toBeNull();
    expect(run([true, false, true, false, false]).openedUntil).toBeNull();
    expect(run([true, false, true, false, true]).openedUntil).toEqual(new Date(now.getTime() + 30_000));
  });

  it('looks at the last 10 attempts only', () => {
    const state = run(Array(12).fill(false));
    expect(run([true, true, true, true, true], state).openedUntil).toBeNull(); // 5 of the last 10
    expect(run([true, true, true, true, true, true], state).openedUntil).not.toBeNull();
  });

  it('closes on a successful probe and reopens twice as long on a failed one, up to an hour', () => {
    const opened = run(Array(5).fill(true));
    expect(afterAttempt(opened, false, true, now, 30)).toEqual(CLOSED);
    const again = afterAttempt(opened, true, true, now, 30);
    expect(again).toMatchObject({ openCount: 2, openedUntil: new Date(now.getTime() + 60_000) });
    const long = afterAttempt({ ...again, openCount: 20 }, true, true, now, 30);
    expect(long.openedUntil).toEqual(new Date(now.getTime() + MAX_COOLDOWN_SECONDS * 1000));
  });
});
