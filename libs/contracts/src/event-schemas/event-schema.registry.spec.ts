// Unit tests of the event schema registry: each type's example passes, and unknown types,
// unknown versions, missing fields and wrong types are rejected with their paths.
import {
  CANONICAL_FACADES,
  EventSchemaDefinition,
  EventSchemaRegistry,
  EventSchemaValidationResult,
  eventSchemaRegistry,
  revenueImpactSchemaV1,
} from './index';

/** One valid payload per type; revenue_impact and content.approved are the seeds' own examples. */
const VALID_PAYLOAD_BY_TYPE: Record<string, Record<string, unknown>> = {
  revenue_impact: {
    impact_amount: -350.0,
    impact_type: 'deliverability_drop',
    context: { bounce_rate: 0.08, previous_bounce_rate: 0.01 },
    severity: 'high',
  },
  cost_optimization: { optimization_type: 'idle_ip_pool', estimated_savings: 1200, currency: 'EUR' },
  operational_efficiency: { metric: 'tickets_per_agent', value: 31, baseline: 40, severity: 'low' },
  strategic_decision: { decision_type: 'market_entry', decision: 'Open a Frankfurt region in Q1.' },
  email_deliverability: { metric: 'bounce_rate', value: 0.08, previous_value: 0.01, sending_ip: '2001:db8::1' },
  resource_usage: { resource_type: 'api_requests', usage: 990, limit: 1000, customer_id: 'cus_9' },
  'conversation.created': { conversation_id: 'conv_1', channel: 'sms' },
  'message.received': { message_id: 'msg_1', conversation_id: 'conv_1', body: 'Hello' },
  'review.created': { review_id: 'rev_1', rating: 5, platform: 'google' },
  'lead.converted': { lead_id: 'lead_1', value: 250, converted_at: '2025-11-10T15:45:00Z' },
  'sync.failed': { integration: 'facebook', error_code: 'rate_limited', retryable: true },
  'content.approved': { content_id: '0b8f6d1e-4c7a-4a55-9f0e-2d3c1b7a9e11' },
};

const ALL_TYPES = [
  'revenue_impact',
  'cost_optimization',
  'operational_efficiency',
  'strategic_decision',
  'email_deliverability',
  'resource_usage',
  'conversation.created',
  'message.received',
  'review.created',
  'lead.converted',
  'sync.failed',
  'content.approved',
];

function expectRejected(result: EventSchemaValidationResult) {
  if (result.ok) throw new Error('expected the payload to be rejected');
  return result;
}

describe('EventSchemaRegistry', () => {
  const registry = eventSchemaRegistry;

  it.each(ALL_TYPES)('accepts a valid %s payload at the latest version', (type) => {
    expect(registry.validate(type, undefined, VALID_PAYLOAD_BY_TYPE[type])).toEqual({ ok: true, version: 1 });
    expect(registry.validate(type, 1, VALID_PAYLOAD_BY_TYPE[type])).toEqual({ ok: true, version: 1 });
  });

  it.each(ALL_TYPES)("accepts the examples declared in %s's schema", (type) => {
    const schema = registry.catalog().find((entry) => entry.type === type)?.versions[0].schema;
    const examples = schema?.['examples'];
    expect(Array.isArray(examples) && examples.length > 0).toBe(true);
    for (const example of examples as unknown[]) {
      expect(registry.validate(type, 1, example)).toEqual({ ok: true, version: 1 });
    }
  });

  it('reports a missing required field with its payload path', () => {
    const result = expectRejected(registry.validate('revenue_impact', 1, { impact_type: 'churn_risk' }));
    expect(result.reason).toBe('invalid_payload');
    expect(result.errors).toEqual([{ path: 'payload.impact_amount', message: 'is required' }]);
  });

  it('reports every problem at once (allErrors)', () => {
    const result = expectRejected(registry.validate('message.received', undefined, {}));
    expect(result.errors.map((error) => error.path).sort()).toEqual([
      'payload.conversation_id',
      'payload.message_id',
    ]);
  });

  it('reports a wrong field type with its path', () => {
    const result = expectRejected(
      registry.validate('revenue_impact', 1, { impact_amount: '350', impact_type: 'upsell' }),
    );
    expect(result.reason).toBe('invalid_payload');
    expect(result.errors).toEqual([{ path: 'payload.impact_amount', message: 'must be number' }]);
  });

  it('reports nested paths inside context objects and arrays', () => {
    const nested: EventSchemaDefinition = {
      type: 'nested.test',
      version: 1,
      kind: 'business',
      description: 'nested paths',
      route: { scope: 'ops', roles: ['ops'], title: 'Nested' },
      schema: {
        type: 'object',
        properties: {
          items: { type: 'array', items: { type: 'object', properties: { qty: { type: 'integer' } } } },
        },
      },
    };
    const result = expectRejected(
      new EventSchemaRegistry([nested]).validate('nested.test', 1, { items: [{ qty: 1 }, { qty: 'x' }] }),
    );
    expect(result.errors).toEqual([{ path: 'payload.items[1].qty', message: 'must be integer' }]);
  });

  it('rejects a payload that is not an object', () => {
    for (const payload of [null, 'text', 42, ['impact_amount']]) {
      const result = expectRejected(registry.validate('sync.failed', undefined, payload));
      expect(result.errors).toContainEqual({ path: 'payload', message: 'must be object' });
    }
  });

  it('accepts the optional severity, customer_id, title and summary on every type and checks them', () => {
    const common = { severity: 'critical', customer_id: 'c1', title: 'Lead won', summary: 'Booked a visit.' };
    for (const type of ALL_TYPES) {
      expect(registry.validate(type, 1, { ...VALID_PAYLOAD_BY_TYPE[type], ...common }).ok).toBe(true);
    }

    const result = expectRejected(
      registry.validate('lead.converted', 1, { lead_id: 'l1', severity: 'urgent', customer_id: 7, title: '', summary: 'x'.repeat(501) }),
    );
    expect(result.errors.map((error) => error.path).sort()).toEqual([
      'payload.customer_id',
      'payload.severity',
      'payload.summary',
      'payload.title',
    ]);
  });

  it('enforces enums, formats and length limits', () => {
    const tooLong = 'x'.repeat(129);
    const cases: [string, Record<string, unknown>, string][] = [
      ['content.approved', { content_id: tooLong }, 'payload.content_id'],
      ['content.approved', { content_id: '' }, 'payload.content_id'],
      ['review.created', { review_id: 'r1', rating: 6 }, 'payload.rating'],
      ['lead.converted', { lead_id: 'l1', converted_at: 'yesterday' }, 'payload.converted_at'],
      ['cost_optimization', { optimization_type: 'x', estimated_savings: 1, currency: 'usd' }, 'payload.currency'],
      ['email_deliverability', { metric: 'bounce_rate', value: 0.1, sending_ip: '999.1.1.1' }, 'payload.sending_ip'],
    ];
    for (const [type, payload, path] of cases) {
      const result = expectRejected(registry.validate(type, 1, payload));
      expect(result.errors.map((error) => error.path)).toContain(path);
    }
  });

  it('allows fields the schema does not name (additionalProperties)', () => {
    const payload = { ...VALID_PAYLOAD_BY_TYPE['resource_usage'], region: 'eu-west-1' };
    expect(registry.validate('resource_usage', 1, payload)).toEqual({ ok: true, version: 1 });
  });

  it('rejects an unknown type with path "type"', () => {
    const result = expectRejected(registry.validate('revenue_risk', undefined, {}));
    expect(result.reason).toBe('unknown_type');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0].path).toBe('type');
    expect(registry.has('revenue_risk')).toBe(false);
    expect(registry.has('__proto__')).toBe(false);
    expect(registry.latestVersion('revenue_risk')).toBeUndefined();
  });

  it('rejects an unknown version with path "schema_version"', () => {
    for (const version of [2, 0, -1, 1.5]) {
      const result = expectRejected(registry.validate('revenue_impact', version, VALID_PAYLOAD_BY_TYPE.revenue_impact));
      expect(result.reason).toBe('unknown_version');
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0].path).toBe('schema_version');
    }
  });

  it('picks the latest version by default and validates older versions on request', () => {
    const v2: EventSchemaDefinition = {
      ...revenueImpactSchemaV1,
      version: 2,
      schema: { type: 'object', required: ['amount_minor'], properties: { amount_minor: { type: 'integer' } } },
    };
    const versioned = new EventSchemaRegistry([v2, revenueImpactSchemaV1]);
    expect(versioned.latestVersion('revenue_impact')).toBe(2);
    expect(versioned.validate('revenue_impact', undefined, { amount_minor: 100 })).toEqual({ ok: true, version: 2 });
    expect(versioned.validate('revenue_impact', 1, VALID_PAYLOAD_BY_TYPE.revenue_impact)).toEqual({
      ok: true,
      version: 1,
    });
    expect(versioned.validate('revenue_impact', undefined, VALID_PAYLOAD_BY_TYPE.revenue_impact).ok).toBe(false);
    expect(versioned.catalog()[0].versions.map((entry) => entry.version)).toEqual([1, 2]);
  });

  it('refuses the same type and version registered twice', () => {
    expect(() => new EventSchemaRegistry([revenueImpactSchemaV1, revenueImpactSchemaV1])).toThrow(/twice/);
  });

  it('catalogs all 12 types with kind, description and draft-07 schemas', () => {
    const catalog = registry.catalog();
    expect(catalog.map((entry) => entry.type).sort()).toEqual([...ALL_TYPES].sort());
    for (const entry of catalog) {
      expect(registry.has(entry.type)).toBe(true);
      expect(registry.latestVersion(entry.type)).toBe(1);
      expect(entry.kind).toBe('business');
      expect(entry.description.length).toBeGreaterThan(0);
      expect(entry.versions).toHaveLength(1);
      expect(entry.versions[0].schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
      expect(entry.versions[0].schema['additionalProperties']).toBe(true);
    }
  });

  it('maps every facade segment to a registered canonical type', () => {
    expect(CANONICAL_FACADES).toEqual({
      'revenue-impact': 'revenue_impact',
      'cost-optimization': 'cost_optimization',
      deliverability: 'email_deliverability',
      'resource-usage': 'resource_usage',
    });
    for (const type of Object.values(CANONICAL_FACADES)) expect(registry.has(type)).toBe(true);
  });
});

describe('EventSchemaRegistry.parseEnvelope', () => {
  const registry = eventSchemaRegistry;
  const event = { type: 'revenue_impact', source: 'billing', timestamp: '2026-11-23T10:00:00Z', payload: { impact_amount: 1 } };
  const errorsOf = (body: unknown) => {
    const result = registry.parseEnvelope(body);
    if (result.ok) throw new Error('expected the envelope to be rejected');
    return result.errors;
  };

  it('accepts an envelope, with absent or null tenant_id and schema_version, and fields it does not name', () => {
    expect(registry.parseEnvelope(event)).toEqual({ ok: true, event });
    expect(registry.parseEnvelope({ ...event, tenant_id: null, schema_version: null, extra: 1 }).ok).toBe(true);
    expect(registry.parseEnvelope({ ...event, tenant_id: 'tn_a', schema_version: 2 }).ok).toBe(true);
  });

  it('refuses a body that is not an object as a whole', () => {
    for (const body of [null, [1], 'x', 3]) expect(errorsOf(body)).toEqual([{ path: '', message: 'the body must be a JSON object' }]);
  });

  it('names every missing field and every wrong type by its field', () => {
    expect(errorsOf({})).toEqual(['type', 'source', 'timestamp', 'payload'].map((path) => ({ path, message: 'is required' })));
    expect(errorsOf({ ...event, type: 5, tenant_id: 7, schema_version: 1.5, payload: [1] })).toEqual([
      { path: 'type', message: 'must be string' },
      { path: 'tenant_id', message: 'must be string' },
      { path: 'schema_version', message: 'must be integer' },
      { path: 'payload', message: 'must be object' },
    ]);
    expect(errorsOf({ ...event, type: '', source: 'x'.repeat(257), schema_version: 0 }).map((e) => e.path)).toEqual(['type', 'source', 'schema_version']);
  });

  it('takes ISO 8601 dates and date-times that name an instant, and refuses the rest', () => {
    for (const timestamp of ['2026-11-23T10:00:00Z', '2026-11-23T10:00:00.123+01:00', '2026-11-23', '2026-11-23T10:00:00', '2028-02-29T00:00:00Z']) {
      expect(registry.parseEnvelope({ ...event, timestamp }).ok).toBe(true);
    }
    for (const timestamp of ['2026-02-30T10:00:00Z', '2026-W47', '2026-327', '20261123T100000Z', '23/11/2026', 12]) {
      expect(errorsOf({ ...event, timestamp })[0].path).toBe('timestamp');
    }
  });
});
