// Entry point of the ingestion-gateway process.
import 'reflect-metadata';
import { bootstrapApp } from '@herald/platform/http';
import { APP_DEFAULTS, AppModule } from './app.module';

void bootstrapApp({ defaults: APP_DEFAULTS, module: (config) => AppModule.forRoot(config) });
