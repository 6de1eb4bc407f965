// A facade body becomes the envelope of its canonical type: envelope fields lifted, the rest is the payload.
import { facadeEnvelope } from './event-acceptance';

describe('facadeEnvelope', () => {
  it('maps the segment to its canonical type and keeps source, timestamp, tenant_id and schema_version out of the payload', () => {
    const body = { source: 'esp', timestamp: '2026-11-23T10:00:00Z', tenant_id: 'tn_a', schema_version: 1, metric: 'bounce_rate', value: 0.08 };
    expect(facadeEnvelope('deliverability', body)).toEqual({
      type: 'email_deliverability',
      source: 'esp',
      timestamp: '2026-11-23T10:00:00Z',
      tenant_id: 'tn_a',
      schema_version: 1,
      payload: { metric: 'bounce_rate', value: 0.08 },
    });
  });

  it('hands a body that is not an object on unchanged, for the envelope check to refuse', () => {
    for (const body of [null, [1], 'x', 3]) expect(facadeEnvelope('revenue-impact', body)).toBe(body);
  });
});
