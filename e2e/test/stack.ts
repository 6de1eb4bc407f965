// Composes the gateway and the notification service from their context modules for
// in-process whole-flow tests (apps can't be imported; these mirror their app.module.ts).
import { DynamicModule, Module } from '@nestjs/common';
import { HeraldConfig } from '@herald/platform/config';
import { HttpPlatformModule } from '@herald/platform/http';
import { IngestionModule } from '@herald/ingestion';
import { NotificationsModule } from '@herald/notifications';
import { seedDemoTenant, DEMO_TENANT_ID, DEMO_USERS } from '@herald/management';
import { startTestApp, TestApp, TestInfrastructure } from '@herald/platform/testing';
import { EnvMap } from '@herald/platform/config';
import { DataSource } from 'typeorm';

@Module({})
class GatewayStack {
  static forRoot(config: HeraldConfig): DynamicModule {
    return { module: GatewayStack, imports: [HttpPlatformModule.forRoot({ config, uses: ['database', 'broker', 'redis'], readyWith: ['database'] }), IngestionModule] };
  }
}

@Module({})
class NotificationStack {
  static forRoot(config: HeraldConfig): DynamicModule {
    return { module: NotificationStack, imports: [HttpPlatformModule.forRoot({ config, uses: ['database', 'broker'], readyWith: ['database', 'consumers'] }), NotificationsModule] };
  }
}

export function startGateway(infra: TestInfrastructure, env: EnvMap = {}): Promise<TestApp> {
  return startTestApp({ appName: 'ingestion-gateway', port: 3001 }, (c) => GatewayStack.forRoot(c), infra, env);
}

export function startNotificationService(infra: TestInfrastructure, env: EnvMap = {}): Promise<TestApp> {
  return startTestApp({ appName: 'notification-service', port: 3003 }, (c) => NotificationStack.forRoot(c), infra, env);
}

export async function seedDemo(dataSource: DataSource): Promise<void> {
  await seedDemoTenant(dataSource, 'http://127.0.0.1:3002');
}

export { DEMO_TENANT_ID, DEMO_USERS };
