// The circuit breaker's rules (SPEC §8), per destination: it opens when most of the
// destination's recent attempts failed (more than half of the last WINDOW, once at least
// MIN_ATTEMPTS are known), and then nothing is sent there until the cooldown ends. The first
// attempt after that is a probe: success closes the circuit (the waiting deliveries go
// out), failure opens it again for twice as long (at most MAX_COOLDOWN_SECONDS). Deliveries
// that wait for a circuit do not spend attempts.
export const WINDOW = 10;
export const MIN_ATTEMPTS = 5;
export const MAX_COOLDOWN_SECONDS = 3600;

export interface CircuitState {
  /** Outcomes of the recent attempts, oldest first: true = failed. */
  recentFailures: boolean[];
  /** Set while open (or half-open once it has passed). */
  openedUntil: Date | null;
  /** How many times it opened in a row without closing (the cooldown doubles). */
  openCount: number;
}

export const CLOSED: CircuitState = { recentFailures: [], openedUntil: null, openCount: 0 };

/** The state after one attempt; `probe` when it was the attempt after the cooldown. */
export function afterAttempt(state: CircuitState, failed: boolean, probe: boolean, now: Date, cooldownSeconds: number): CircuitState {
  if (probe) return failed ? open(state.openCount + 1, now, cooldownSeconds) : CLOSED;
  const recentFailures = [...state.recentFailures, failed].slice(-WINDOW);
  const failures = recentFailures.filter(Boolean).length;
  if (state.openedUntil === null && recentFailures.length >= MIN_ATTEMPTS && failures * 2 > recentFailures.length) {
    return open(1, now, cooldownSeconds);
  }
  return { ...state, recentFailures };
}

function open(openCount: number, now: Date, cooldownSeconds: number): CircuitState {
  const seconds = Math.min(cooldownSeconds * 2 ** (openCount - 1), MAX_COOLDOWN_SECONDS);
  return { recentFailures: [], openedUntil: new Date(now.getTime() + seconds * 1000), openCount };
}
