import { ConfigError, DEV_INTEGRATION_CALLBACK_SECRET, loadConfig } from './index';

const defaults = { appName: 'test-app', port: 3999 };

describe('loadConfig', () => {
  it('applies the SPEC §10 defaults when nothing is set', () => {
    const config = loadConfig(defaults, {});
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/herald');
    expect(config.amqpUrl).toBe('amqp://guest:guest@127.0.0.1:5672');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.jwt.issuer).toBe('herald');
    expect(config.jwt.audience).toBe('herald-api');
    expect(config.maxBodyBytes).toBe(262144);
    expect(config.maxEventPayloadBytes).toBe(65536);
    expect(config.port).toBe(3999);
    expect(config.deliveryRetryScheduleSeconds).toEqual([5, 30, 120, 600, 1800, 7200, 18000, 36000, 36000]);
  });

  it('names the variable when a number is not a number', () => {
    expect(() => loadConfig(defaults, { PORT: 'abc' })).toThrow(new ConfigError('PORT', 'must be an integer, got "abc"'));
  });

  it('refuses a database URL of the wrong protocol without printing its password', () => {
    expect(() => loadConfig(defaults, { DATABASE_URL: 'mysql://u:secret@h/db' })).toThrow(/DATABASE_URL must use postgres/);
    expect(() => loadConfig(defaults, { DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL must be a URL/);
  });

  it('requires a JWT secret or JWKS URI in production', () => {
    expect(() => loadConfig(defaults, { NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required in production/);
    expect(loadConfig(defaults, { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).jwt.secret).toBe('x'.repeat(32));
  });

  it('parses a decimal retry schedule so tests can use sub-second delays', () => {
    expect(loadConfig(defaults, { DELIVERY_RETRY_SCHEDULE: '0.2,0.5,1' }).deliveryRetryScheduleSeconds).toEqual([0.2, 0.5, 1]);
    expect(() => loadConfig(defaults, { DELIVERY_RETRY_SCHEDULE: '1,-2' })).toThrow(/DELIVERY_RETRY_SCHEDULE/);
  });

  it('reads the delivery floor in decimal seconds, and the webhook secrets key as 32 bytes (a dev key outside production only)', () => {
    const config = loadConfig(defaults, { DELIVERY_RETRY_FLOOR_SECONDS: '0.3', WEBHOOK_SECRETS_KEY: 'ab'.repeat(32) });
    expect(config.deliveryRetryFloorSeconds).toBe(0.3);
    expect(config.webhookSecretsKey).toEqual(Buffer.alloc(32, 0xab));
    expect(loadConfig(defaults, {}).deliveryRetryFloorSeconds).toBe(60);
    expect(loadConfig(defaults, {}).webhookSecretsKey).toHaveLength(32);
    expect(loadConfig(defaults, { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).webhookSecretsKey).toBeUndefined();
    expect(() => loadConfig(defaults, { WEBHOOK_SECRETS_KEY: 'c2hvcnQ=' })).toThrow(/WEBHOOK_SECRETS_KEY must be 32 bytes/);
    expect(() => loadConfig(defaults, { DELIVERY_RETRY_FLOOR_SECONDS: '1,2' })).toThrow(/DELIVERY_RETRY_FLOOR_SECONDS/);
  });

  it('refuses an outbox lease that does not outlive the publish timeout', () => {
    expect(() => loadConfig(defaults, { AMQP_PUBLISH_TIMEOUT_MS: '15000', OUTBOX_LEASE_MS: '10000' })).toThrow(
      /OUTBOX_LEASE_MS must be longer than AMQP_PUBLISH_TIMEOUT_MS \(15000\), got 10000/,
    );
    const config = loadConfig(defaults, {});
    expect(config.outbox.leaseMs).toBeGreaterThan(config.amqpPublishTimeoutMs);
  });

  it('dead-letters a work queue message after 20 deliveries unless CONSUMER_DELIVERY_LIMIT says otherwise', () => {
    expect(loadConfig(defaults, {}).consumerDeliveryLimit).toBe(20);
    expect(loadConfig(defaults, { CONSUMER_DELIVERY_LIMIT: '3' }).consumerDeliveryLimit).toBe(3);
    expect(() => loadConfig(defaults, { CONSUMER_DELIVERY_LIMIT: '0' })).toThrow(/CONSUMER_DELIVERY_LIMIT must be between 1 and 1000/);
    expect(() => loadConfig(defaults, { CONSUMER_DELIVERY_LIMIT: 'many' })).toThrow(/CONSUMER_DELIVERY_LIMIT must be an integer/);
  });

  it('runs at most DATABASE_POOL_SIZE - 2 message handlers at once, and at least one', () => {
    expect(loadConfig(defaults, {}).consumerConcurrency).toBe(8);
    expect(loadConfig(defaults, { DATABASE_POOL_SIZE: '30' }).consumerConcurrency).toBe(28);
    expect(loadConfig(defaults, { DATABASE_POOL_SIZE: '2' }).consumerConcurrency).toBe(1);
    expect(loadConfig(defaults, { DATABASE_POOL_SIZE: '1' }).consumerConcurrency).toBe(1);
  });

  it('reports API-key usage every minute unless API_KEY_USAGE_REPORT_MS says otherwise (100 ms to 1 h)', () => {
    expect(loadConfig(defaults, {}).apiKeyUsageReportMs).toBe(60_000);
    expect(loadConfig(defaults, { API_KEY_USAGE_REPORT_MS: '250' }).apiKeyUsageReportMs).toBe(250);
    expect(() => loadConfig(defaults, { API_KEY_USAGE_REPORT_MS: '50' })).toThrow(/API_KEY_USAGE_REPORT_MS must be between 100 and 3600000/);
  });

  it('sends live-stream heartbeats every 15 s and allows 5 streams per user unless SSE_HEARTBEAT_MS / SSE_MAX_PER_USER say otherwise', () => {
    expect(loadConfig(defaults, {})).toMatchObject({ sseHeartbeatMs: 15_000, sseMaxPerUser: 5 });
    expect(loadConfig(defaults, { SSE_HEARTBEAT_MS: '200', SSE_MAX_PER_USER: '2' })).toMatchObject({ sseHeartbeatMs: 200, sseMaxPerUser: 2 });
    expect(() => loadConfig(defaults, { SSE_HEARTBEAT_MS: '10' })).toThrow(/SSE_HEARTBEAT_MS must be between 50 and 3600000/);
  });

  it('sends email from Herald <notifications@herald.local> unless EMAIL_FROM names one other address', () => {
    expect(loadConfig(defaults, {}).emailFrom).toBe('Herald <notifications@herald.local>');
    expect(loadConfig(defaults, { EMAIL_FROM: 'alerts@example.com' }).emailFrom).toBe('alerts@example.com');
    expect(loadConfig(defaults, { EMAIL_FROM: 'Ops Team <ops@example.com>' }).emailFrom).toBe('Ops Team <ops@example.com>');
    expect(() => loadConfig(defaults, { EMAIL_FROM: 'Herald' })).toThrow(/EMAIL_FROM must be one address/);
    expect(() => loadConfig(defaults, { EMAIL_FROM: 'a@b.c, d@e.f' })).toThrow(/EMAIL_FROM/);
  });

  it('rejects an unknown NODE_ENV and a bad boolean', () => {
    expect(() => loadConfig(defaults, { NODE_ENV: 'staging' })).toThrow(/NODE_ENV must be one of/);
    expect(() => loadConfig(defaults, { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'maybe' })).toThrow(/WEBHOOK_ALLOW_PRIVATE_NETWORKS/);
  });

  it('reads the default integrations\' callback secret: a dev one outside production, none in production, whsec_ only', () => {
    expect(loadConfig(defaults, {}).providers.callbackSecret).toBe(DEV_INTEGRATION_CALLBACK_SECRET);
    expect(loadConfig(defaults, { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).providers.callbackSecret).toBeUndefined();
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    expect(loadConfig(defaults, { INTEGRATION_CALLBACK_SECRET: secret }).providers.callbackSecret).toBe(secret);
    expect(() => loadConfig(defaults, { INTEGRATION_CALLBACK_SECRET: 'plain-secret' })).toThrow(/INTEGRATION_CALLBACK_SECRET must be "whsec_"/);
    expect(() => loadConfig(defaults, { INTEGRATION_CALLBACK_SECRET: 'whsec_c2hvcnQ=' })).toThrow(/INTEGRATION_CALLBACK_SECRET/);
  });
});
