// The typed configuration of every Herald app (SPEC §10 names and defaults), read and
// validated once at boot. `process.env` is read here and nowhere else.
import { ConfigError, EnvMap, EnvReader } from './env-reader';

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface HeraldConfig {
  appName: string;
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  logLevel: LogLevel;
  shutdownGraceMs: number;
  databaseUrl: string;
  databasePoolSize: number;
  amqpUrl: string;
  /** Prefix for every exchange and queue name; lets test suites share one broker. */
  amqpPrefix: string;
  amqpPrefetch: number;
  redisUrl: string;
  /** Prefix of every Redis key (tests use it to isolate suites, like AMQP_PREFIX). */
  redisKeyPrefix: string;
  rateLimit: {
    /** Publish requests per hour per JWT principal (API keys use their own `rate_limit`). */
    perPrincipalPerHour: number;
    /** Longest a request waits on Redis for its count before it proceeds unlimited (fail open). */
    redisTimeoutMs: number;
  };
  /** How long a replica trusts a looked-up API key; bounds how late a revocation takes effect (≤ 5 s). */
  apiKeyCacheTtlMs: number;
  /** How often a replica reports the latest use of each API key it authenticated (`last_used_at`), and so how stale that may be. */
  apiKeyUsageReportMs: number;
  jwt: { secret?: string; jwksUri?: string; issuer: string; audience: string };
  managementApiKey?: string;
  maxBodyBytes: number;
  maxEventPayloadBytes: number;
  /** How long the broker may take to confirm a publish before it counts as failed. */
  amqpPublishTimeoutMs: number;
  outbox: {
    batchMax: number;
    flushDelayMs: number;
    /** Appends waiting for a flush; beyond this the writer answers 503 at once. */
    queueMax: number;
    /** A request waits at most this long for its commit, then gets 503. */
    writeTimeoutMs: number;
    sweepIntervalMs: number;
    /** How long a replica holds an outbox row it is publishing; longer than the publish timeout. */
    leaseMs: number;
    /** How often a replica that stores events deletes expired Idempotency-Keys. */
    idempotencyPurgeIntervalMs: number;
  };
  consumerRetryDelaysMs: number[];
  /** Deliveries of one message to a work queue's consumers before the broker dead-letters it (x-delivery-limit). */
  consumerDeliveryLimit: number;
  /**
   * Message handlers running at once across the app's consumers: DATABASE_POOL_SIZE − 2 (at
   * least 1), so handlers never wait on the pool and two connections stay free for HTTP
   * requests, health checks and the outbox relay.
   */
  consumerConcurrency: number;
  deliveryRetryScheduleSeconds: number[];
  /** Least wait after a timeout or a 429, whatever the schedule or Retry-After say (SPEC §8: 60 s). */
  deliveryRetryFloorSeconds: number;
  /** Per-attempt timeout of every channel (SPEC §8: 15 s). */
  deliveryAttemptTimeoutMs: number;
  /** How often each worker looks for deliveries whose next attempt is due. */
  deliveryPollIntervalMs: number;
  /** How long a destination's circuit stays open before its probe (doubles while probes fail, at most 1 h). */
  deliveryBreakerCooldownSeconds: number;
  /** Attempts one worker runs at once, over all destinations. */
  deliveryConcurrency: number;
  /** Attempts one worker runs at once to one destination, so a slow one cannot take every slot. */
  deliveryDestinationConcurrency: number;
  webhookAllowPrivateNetworks: boolean;
  /** How long POST /webhooks/:id/test waits for the worker's attempt before answering 202 pending. */
  webhookTestTimeoutMs: number;
  /**
   * AES-256 key that seals webhook subscription secrets at rest (WEBHOOK_SECRETS_KEY, 32 bytes
   * as 64 hex digits or base64). A fixed dev key outside production; unset in production, where
   * the apps that open subscription secrets refuse to start without it.
   */
  webhookSecretsKey?: Buffer;
  /** Live streams (GET /notifications/sse) one user may hold open on one replica. */
  sseMaxPerUser: number;
  /** Interval of the comment line every live stream gets, so proxies keep idle streams open. */
  sseHeartbeatMs: number;
  portalOrigins: string[];
  providers: { acmeWebhookSecret?: string; globexWebhookToken?: string };
  /**
   * AES-256 key that seals integration credentials at rest (INTEGRATION_CREDENTIALS_KEY, 32
   * bytes as base64 or hex). A fixed dev key outside production; unset in production, where
   * the apps that open credentials refuse to start without it.
   */
  integrationCredentialsKey?: Buffer;
  smtpUrl?: string;
  /** The `From` of every email the delivery worker sends, e.g. `Herald <notifications@herald.local>`. */
  emailFrom: string;
  smsProviderUrl?: string;
  posthog: { host?: string; apiKey?: string };
}

export interface AppDefaults {
  appName: string;
  port: number;
}

export const DEV_JWT_SECRET = 'herald-dev-secret-do-not-use-in-production';
/** The dev-only credentials key (base64 of 32 bytes); never used in production. */
export const DEV_INTEGRATION_CREDENTIALS_KEY = 'aGVyYWxkLWRldi1jcmVkZW50aWFscy1rZXktMzJieXQ=';
/** The dev-only webhook secrets key (base64 of 32 bytes); never accepted in production. */
export const DEV_WEBHOOK_SECRETS_KEY = 'aGVyYWxkLWRldi13ZWJob29rLXNlY3JldHMta2V5LTE=';
export const DEFAULT_EMAIL_FROM = 'Herald <notifications@herald.local>';
const DEFAULT_DELIVERY_SCHEDULE = [5, 30, 120, 600, 1800, 7200, 18000, 36000, 36000];

export function loadConfig(defaults: AppDefaults, env: EnvMap = process.env): HeraldConfig {
  const e = new EnvReader(env);
  const nodeEnv = e.oneOf<NodeEnv>('NODE_ENV', ['development', 'test', 'production'], 'development');
  const jwksUri = e.optionalUrl('JWT_JWKS_URI', ['https', 'http']);
  let jwtSecret = e.optionalString('JWT_SECRET');
  if (!jwtSecret && !jwksUri) {
    if (nodeEnv === 'production') throw new ConfigError('JWT_SECRET', 'is required in production (or set JWT_JWKS_URI)');
    jwtSecret = DEV_JWT_SECRET;
  }
  if (jwtSecret && jwtSecret.length < 16) throw new ConfigError('JWT_SECRET', 'must be at least 16 characters');
  const databasePoolSize = e.int('DATABASE_POOL_SIZE', 10, 1, 200);

  const amqpPublishTimeoutMs = e.int('AMQP_PUBLISH_TIMEOUT_MS', 15_000, 100, 600_000);
  const outboxLeaseMs = e.int('OUTBOX_LEASE_MS', 30_000, 200, 3_600_000);
  if (outboxLeaseMs <= amqpPublishTimeoutMs) {
    // a lease that ends while its publish may still be confirmed would let a second replica publish the row
    throw new ConfigError('OUTBOX_LEASE_MS', `must be longer than AMQP_PUBLISH_TIMEOUT_MS (${amqpPublishTimeoutMs}), got ${outboxLeaseMs}`);
  }

  return {
    appName: defaults.appName,
    nodeEnv,
    port: e.int('PORT', defaults.port, 0, 65535),
    host: e.string('HOST', '0.0.0.0'),
    logLevel: e.oneOf<LogLevel>('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
    shutdownGraceMs: e.int('SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    databaseUrl: e.url('DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/herald', ['postgres', 'postgresql']),
    databasePoolSize,
    amqpUrl: e.url('AMQP_URL', 'amqp://guest:guest@127.0.0.1:5672', ['amqp', 'amqps']),
    amqpPrefix: e.string('AMQP_PREFIX', ''),
    amqpPrefetch: e.int('AMQP_PREFETCH', 50, 1, 10_000),
    amqpPublishTimeoutMs,
    redisUrl: e.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis', 'rediss']),
    redisKeyPrefix: e.string('REDIS_KEY_PREFIX', ''),
    rateLimit: {
      perPrincipalPerHour: e.int('RATE_LIMIT_PER_PRINCIPAL_PER_HOUR', 10_000, 1, 100_000_000),
      redisTimeoutMs: e.int('RATE_LIMIT_REDIS_TIMEOUT_MS', 100, 5, 5000),
    },
    apiKeyCacheTtlMs: e.int('API_KEY_CACHE_TTL_MS', 5000, 0, 5000),
    apiKeyUsageReportMs: e.int('API_KEY_USAGE_REPORT_MS', 60_000, 100, 3_600_000),
    jwt: {
      secret: jwtSecret,
      jwksUri,
      issuer: e.string('JWT_ISSUER', 'herald'),
      audience: e.string('JWT_AUDIENCE', 'herald-api'),
    },
    managementApiKey: e.optionalString('MANAGEMENT_API_KEY'),
    maxBodyBytes: e.int('MAX_BODY_BYTES', 256 * 1024, 1024),
    maxEventPayloadBytes: e.int('MAX_EVENT_PAYLOAD_BYTES', 64 * 1024, 256),
    outbox: {
      batchMax: e.int('OUTBOX_BATCH_MAX', 500, 1, 10_000),
      flushDelayMs: e.int('OUTBOX_FLUSH_DELAY_MS', 2, 0, 1000),
      queueMax: e.int('OUTBOX_QUEUE_MAX', 10_000, 1, 1_000_000),
      writeTimeoutMs: e.int('OUTBOX_WRITE_TIMEOUT_MS', 5000, 100, 600_000),
      sweepIntervalMs: e.int('OUTBOX_SWEEP_INTERVAL_MS', 1000, 50, 600_000),
      leaseMs: outboxLeaseMs,
      idempotencyPurgeIntervalMs: e.int('IDEMPOTENCY_PURGE_INTERVAL_MS', 600_000, 1000, 86_400_000),
    },
    consumerRetryDelaysMs: e.secondsList('CONSUMER_RETRY_SCHEDULE', [1, 5, 30, 120]).map((s) => Math.round(s * 1000)),
    consumerDeliveryLimit: e.int('CONSUMER_DELIVERY_LIMIT', 20, 1, 1000),
    consumerConcurrency: Math.max(1, databasePoolSize - 2),
    deliveryRetryScheduleSeconds: e.secondsList('DELIVERY_RETRY_SCHEDULE', DEFAULT_DELIVERY_SCHEDULE),
    deliveryRetryFloorSeconds: e.seconds('DELIVERY_RETRY_FLOOR_SECONDS', 60),
    deliveryAttemptTimeoutMs: e.int('DELIVERY_ATTEMPT_TIMEOUT_MS', 15_000, 100, 300_000),
    deliveryPollIntervalMs: e.int('DELIVERY_POLL_INTERVAL_MS', 1000, 20, 60_000),
    deliveryBreakerCooldownSeconds: e.seconds('DELIVERY_BREAKER_COOLDOWN_SECONDS', 60),
    deliveryConcurrency: e.int('DELIVERY_CONCURRENCY', 64, 1, 10_000),
    deliveryDestinationConcurrency: e.int('DELIVERY_DESTINATION_CONCURRENCY', 8, 1, 1000),
    webhookAllowPrivateNetworks: e.bool('WEBHOOK_ALLOW_PRIVATE_NETWORKS', false),
    webhookTestTimeoutMs: e.int('WEBHOOK_TEST_TIMEOUT_MS', 10_000, 0, 60_000),
    webhookSecretsKey: aesKey('WEBHOOK_SECRETS_KEY', e.optionalString('WEBHOOK_SECRETS_KEY') ?? (nodeEnv === 'production' ? undefined : DEV_WEBHOOK_SECRETS_KEY)),
    sseMaxPerUser: e.int('SSE_MAX_PER_USER', 5, 1, 1000),
    sseHeartbeatMs: e.int('SSE_HEARTBEAT_MS', 15_000, 50, 3_600_000),
    portalOrigins: e.list('PORTAL_ORIGINS', ['http://localhost:3004']),
    providers: {
      acmeWebhookSecret: e.optionalString('ACME_WEBHOOK_SECRET'),
      globexWebhookToken: e.optionalString('GLOBEX_WEBHOOK_TOKEN'),
    },
    integrationCredentialsKey: aesKey('INTEGRATION_CREDENTIALS_KEY', e.optionalString('INTEGRATION_CREDENTIALS_KEY') ?? (nodeEnv === 'production' ? undefined : DEV_INTEGRATION_CREDENTIALS_KEY)),
    smtpUrl: e.optionalUrl('SMTP_URL', ['smtp', 'smtps']),
    emailFrom: mailbox('EMAIL_FROM', e.string('EMAIL_FROM', DEFAULT_EMAIL_FROM)),
    smsProviderUrl: e.optionalUrl('SMS_PROVIDER_URL', ['http', 'https']),
    posthog: { host: e.optionalUrl('POSTHOG_HOST', ['http', 'https']), apiKey: e.optionalString('POSTHOG_API_KEY') },
  };
}

/** `address@domain` or `Name <address@domain>`, one mailbox; anything else stops the app at boot. */
function mailbox(variable: string, value: string): string {
  if (!/^(?:[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/.test(value)) {
    throw new ConfigError(variable, `must be one address, "name@domain" or "Name <name@domain>", got "${value}"`);
  }
  return value;
}

/** 32 bytes given as 64 hex digits or base64; anything else stops the app at boot. */
function aesKey(variable: string, value: string | undefined): Buffer | undefined {
  if (value === undefined) return undefined;
  const key = /^[0-9a-f]{64}$/i.test(value) ? Buffer.from(value, 'hex') : Buffer.from(value, 'base64');
  if (key.length !== 32) throw new ConfigError(variable, 'must be 32 bytes, as 64 hex digits or base64');
  return key;
}
