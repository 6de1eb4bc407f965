// What an operator is shown of a provider webhook's raw snapshot. The ingress redacts secret
// headers before it stores one; this redacts the platform's secret headers once more on the
// way out, so a snapshot stored by an older ingress, or one whose provider forgot a header,
// never shows a credential. The body is shown as received: it is what the provider signed.
import { LOG_SECRETS, REDACTED } from '@herald/platform/observability';

const SECRET_HEADERS = new Set<string>(LOG_SECRETS.headers.map((name) => name.toLowerCase()));

export function redactedSnapshot(snapshot: unknown): unknown {
  if (!snapshot || typeof snapshot !== 'object' || Array.isArray(snapshot)) return snapshot;
  const { headers, ...rest } = snapshot as { headers?: unknown };
  if (!headers || typeof headers !== 'object' || Array.isArray(headers)) return snapshot;
  const shown = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value]));
  return { ...rest, headers: shown };
}
