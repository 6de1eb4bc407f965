// Sorts PostgreSQL failures by what the caller can do about them: the database is away
// (answer 503 and let the client retry; the pool reconnects by itself), or the data was
// refused (SQLSTATE class 22 data exception, 23 integrity violation: that row, not the
// others in its group). Works on pg errors and on TypeORM's wrappers of them.
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
// 08 connection exception, 53 insufficient resources, 57P01-03 admin/crash shutdown, cannot connect now
const UNAVAILABLE_SQLSTATE = /^(08|53|57P0[123])/;
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Connection ended unexpectedly|the database system is (starting up|shutting down)/i;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
}

function causes(err: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current = err as ErrorLike | undefined;
  while (current && typeof current === 'object' && chain.length < 4) {
    chain.push(current);
    current = (current.driverError ?? (current as { cause?: unknown }).cause) as ErrorLike | undefined;
  }
  return chain;
}

function sqlState(err: unknown): string | undefined {
  for (const e of causes(err)) if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  return undefined;
}

/** The database cannot be reached or is shutting down; the request may succeed later. */
export function isDatabaseUnavailable(err: unknown): boolean {
  const state = sqlState(err);
  if (state) return UNAVAILABLE_SQLSTATE.test(state);
  return causes(err).some(
    (e) =>
      (typeof e.code === 'string' && UNAVAILABLE_NODE_CODES.has(e.code)) ||
      (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)),
  );
}

/** The database refused the data itself (SQLSTATE class 22 or 23): retrying the same row fails again. */
export function isDataError(err: unknown): boolean {
  const state = sqlState(err);
  return state !== undefined && /^2[23]/.test(state);
}
