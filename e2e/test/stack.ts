// Boots the apps of a whole-stack test from the same compositions their main.ts uses
// (each app's module lives in its context lib), and seeds the demo tenant.
import { DataSource } from 'typeorm';
import { EnvMap } from '@herald/platform/config';
import { startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { INGESTION_GATEWAY_DEFAULTS, IngestionGatewayAppModule } from '@herald/ingestion';
import { NOTIFICATION_SERVICE_DEFAULTS, NotificationServiceAppModule } from '@herald/notifications';
import { DELIVERY_WORKER_DEFAULTS, DeliveryWorkerAppModule } from '@herald/delivery';
import { MANAGEMENT_API_DEFAULTS, ManagementApiAppModule, seedDemoTenant, DEMO_TENANT_ID, DEMO_USERS } from '@herald/management';

export function startGateway(infra: TestInfrastructure, env: EnvMap = {}): Promise<TestApp> {
  return startTestApp(INGESTION_GATEWAY_DEFAULTS, (c, logger) => IngestionGatewayAppModule.forRoot(c, logger), infra, env);
}

export function startNotificationService(infra: TestInfrastructure, env: EnvMap = {}): Promise<TestApp> {
  return startTestApp(NOTIFICATION_SERVICE_DEFAULTS, (c, logger) => NotificationServiceAppModule.forRoot(c, logger), infra, env);
}

export function startManagementApi(infra: TestInfrastructure, env: EnvMap = {}): Promise<TestApp> {
  return startTestApp(MANAGEMENT_API_DEFAULTS, (c, logger) => ManagementApiAppModule.forRoot(c, logger), infra, env);
}

export async function seedDemo(dataSource: DataSource): Promise<void> {
  await seedDemoTenant(dataSource, 'http://127.0.0.1:3002');
}

export { DEMO_TENANT_ID, DEMO_USERS };

export function startDeliveryWorker(infra: TestInfrastructure, env: EnvMap = {}): Promise<TestApp> {
  return startTestApp(DELIVERY_WORKER_DEFAULTS, (c, logger) => DeliveryWorkerAppModule.forRoot(c, logger), infra, env);
}
