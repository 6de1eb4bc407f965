// The demo tenant that `npm start` seeds (idempotently): users for each role, and the two
// provider integrations pointing at the ingress's dev delivery sink, each its provider's default
// (SPEC §5: `POST /webhooks/:provider` lands in tn_demo, verified with the env credentials).
import { DataSource } from 'typeorm';
import { parseTenantId, parseUserId } from '@herald/contracts';
import { DirectoryRepository, DirectoryUserInput } from './directory/directory.repository';
import { TenantRepository } from './tenants/tenant.repository';

export const DEMO_TENANT_ID = parseTenantId('tn_demo');

export const DEMO_USERS: DirectoryUserInput[] = [
  { id: parseUserId('u_exec'), email: 'exec@demo.example', roles: ['exec'], groups: ['leadership'], attributes: { region: 'eu' } },
  { id: parseUserId('u_ops'), email: 'ops@demo.example', roles: ['ops'], groups: ['oncall'], attributes: { region: 'us' } },
  { id: parseUserId('u_admin'), email: 'admin@demo.example', roles: ['admin', 'exec'], groups: ['leadership'], attributes: { region: 'eu' } },
  { id: parseUserId('u_finance'), email: 'finance@demo.example', roles: ['finance'], groups: [], attributes: { region: 'us' } },
];

export async function seedDemoTenant(dataSource: DataSource, ingressBaseUrl: string): Promise<void> {
  const directory = new DirectoryRepository(dataSource);
  await new TenantRepository(dataSource).upsert(DEMO_TENANT_ID, { name: 'Demo Tenant', plan: 'scale' });
  for (const user of DEMO_USERS) await directory.upsertUser(DEMO_TENANT_ID, user);
  for (const provider of ['acme', 'globex']) {
    await directory.upsertIntegration(DEMO_TENANT_ID, {
      provider,
      active: true,
      isDefault: true,
      callbackUrl: `${ingressBaseUrl}/api/v1/internal/delivery-sink/${provider}`,
    });
  }
}
