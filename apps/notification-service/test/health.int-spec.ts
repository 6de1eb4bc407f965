// notification-service answers health, liveness, readiness and metrics against the real services.
import { describeAppHealth } from '@herald/platform/testing';
import { APP_DEFAULTS, AppModule } from '../src/app.module';

describeAppHealth(APP_DEFAULTS, (c) => AppModule.forRoot(c), ['database', 'broker']);
