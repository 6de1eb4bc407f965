// Shared assertions for the health and metrics endpoints every app serves (SPEC §1).
import { TestApp } from './test-app';

export interface HealthBody {
  success: boolean;
  data?: { status: string; info: Record<string, { status: string }> };
  error?: { code: string; details: { failing?: string[] } };
}

export async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T };
}

/** Checks /health, /health/live, /health/ready and /metrics of a running app. */
export async function expectHealthy(app: TestApp, dependencies: string[]): Promise<void> {
  const health = await getJson<HealthBody>(`${app.url}/api/v1/health`);
  expect(health.status).toBe(200);
  expect(health.body.success).toBe(true);
  expect(Object.keys(health.body.data?.info ?? {}).sort()).toEqual([...dependencies].sort());
  expect((await fetch(`${app.url}/api/v1/health/live`)).status).toBe(200);
  expect((await fetch(`${app.url}/api/v1/health/ready`)).status).toBe(200);
  const metrics = await fetch(`${app.url}/metrics`);
  expect(metrics.status).toBe(200);
  expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
  const text = await metrics.text();
  expect(text).toContain('herald_http_request_duration_seconds');
  expect(text).toContain(`app="${app.config.appName}"`);
}
