// What the management-api suites do as a client: call a route with the operator key, a JWT
// or an API key, read the envelope; and read the audit trail the routes leave behind.
import type { AuditEntryView } from '@herald/management';
import { createTestInfrastructure, startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

export interface Envelope<T> {
  success: boolean;
  data: T;
  meta: { request_id: string; page?: number; page_size?: number; total?: number };
  error: { code: string; message: string; details: { errors?: Array<{ path: string; message: string }>; [key: string]: unknown } };
}

export interface Answer<T> {
  status: number;
  body: Envelope<T>;
}

/** The operator key of every test infrastructure (MANAGEMENT_API_KEY). */
export const OPERATOR = { 'x-internal-api-key': 'test-operator-key' };
export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

export async function call<T = unknown>(app: TestApp, method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<Answer<T>> {
  const res = await fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Envelope<T> };
}

/** The paths named by a 400/422 answer's details.errors. */
export const errorPaths = (answer: Answer<unknown>): string[] => (answer.body.error.details.errors ?? []).map((e) => e.path);

/** A row of management_audit as the audit route shows it. */
export type AuditRow = Omit<AuditEntryView, 'source' | 'id' | 'created_at'>;

export async function auditOf(app: TestApp, entityType: string, entityId: string): Promise<AuditRow[]> {
  return app.dataSource.query(
    `SELECT tenant_id, request_id, actor, action, entity_type, entity_id, fingerprint FROM management_audit
      WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`,
    [entityType, entityId],
  );
}

export interface ManagementSuite {
  infra: TestInfrastructure;
  app: TestApp;
  close(): Promise<void>;
}

/** The management API on its own database and broker prefix, for one suite. */
export async function startManagementApi(suite: string): Promise<ManagementSuite> {
  const infra = await createTestInfrastructure(suite);
  const app = await startTestApp(APP_DEFAULTS, (c, logger) => AppModule.forRoot(c, logger), infra);
  return {
    infra,
    app,
    close: async () => {
      await app.close();
      await infra.teardown();
    },
  };
}

/** A tenant admin's bearer header (role admin, no scopes). */
export const adminOf = (app: TestApp, tenantId: string): Record<string, string> => bearer(app.token({ sub: 'u_admin', tenant_id: tenantId, roles: ['admin'] }));
