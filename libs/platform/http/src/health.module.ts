// /api/v1/health (every dependency the app uses), /health/live (the process answers) and
// /health/ready (SPEC §1: can take work — the dependencies the app cannot work without are
// up and it is not shutting down), with @nestjs/terminus. A failing check is named with a
// fixed reason, never the driver's error text (hosts, ports, auth failures).
import { Controller, DynamicModule, Get, Inject, Injectable, Module, Optional } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorResult, HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '@herald/platform/auth';
import { AmqpConnection, ConsumerHost } from '@herald/platform/messaging';
import { ShutdownDrain, TimeoutError, withTimeout } from '@herald/platform/observability';
import { REDIS } from '@herald/platform/persistence';
import { ApiErrors } from './openapi/openapi.decorators';

export type HealthDependency = 'database' | 'broker' | 'redis';
/** What readiness may need: a dependency, or every consumer of the app set up (SPEC §1). */
export type ReadyCheck = HealthDependency | 'consumers';
const HEALTH_DEPENDENCIES = Symbol('HEALTH_DEPENDENCIES');
const READY_DEPENDENCIES = Symbol('READY_DEPENDENCIES');
const CHECK_TIMEOUT_MS = 1500;

@Injectable()
export class DependencyIndicators {
  constructor(
    private readonly indicator: HealthIndicatorService,
    @Optional() private readonly dataSource?: DataSource,
    @Optional() @Inject(AmqpConnection) private readonly amqp?: AmqpConnection,
    @Optional() @Inject(REDIS) private readonly redis?: Redis,
    @Optional() @Inject(ConsumerHost) private readonly consumers?: ConsumerHost,
  ) {}

  async check(dep: ReadyCheck): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(dep);
    if (dep === 'consumers') {
      // a consumer whose channel could not be set up; merely reconnecting to the broker is not failing
      const readiness = this.consumers?.readiness() ?? { ready: true, failing: [] };
      return readiness.ready ? session.up() : session.down({ message: 'setup failed', queues: readiness.failing });
    }
    try {
      await withTimeout(this.probe(dep), CHECK_TIMEOUT_MS);
      return session.up();
    } catch (err) {
      return session.down({ message: err instanceof TimeoutError ? 'timed out' : 'unreachable' });
    }
  }

  private async probe(dep: HealthDependency): Promise<void> {
    if (dep === 'database') {
      if (!this.dataSource?.isInitialized) throw new Error('not connected');
      await this.dataSource.query('SELECT 1');
    } else if (dep === 'broker') {
      if (!this.amqp?.isConnected()) throw new Error('not connected');
    } else {
      if (!this.redis) throw new Error('not configured');
      await this.redis.ping();
    }
  }
}

@Public()
@Controller('health')
@ApiErrors(503)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: DependencyIndicators,
    private readonly indicator: HealthIndicatorService,
    private readonly drain: ShutdownDrain,
    @Inject(HEALTH_DEPENDENCIES) private readonly dependencies: HealthDependency[],
    @Inject(READY_DEPENDENCIES) private readonly readyDependencies: ReadyCheck[],
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check(this.dependencies.map((dep) => () => this.indicators.check(dep)));
  }

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      async () => {
        const session = this.indicator.check('accepting_work');
        return this.drain.isDraining ? session.down({ message: 'shutting down' }) : session.up();
      },
      ...this.readyDependencies.map((dep) => () => this.indicators.check(dep)),
    ]);
  }
}

@Module({})
export class HealthModule {
  /** `dependencies`: what /health checks; `readyWith`: what /health/ready needs (a subset). */
  static forRoot(dependencies: HealthDependency[], readyWith: ReadyCheck[] = dependencies): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        DependencyIndicators,
        { provide: HEALTH_DEPENDENCIES, useValue: dependencies },
        { provide: READY_DEPENDENCIES, useValue: readyWith },
      ],
    };
  }
}
