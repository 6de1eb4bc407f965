import { ApiKeyUsedContract } from '@herald/contracts';
import { ApiKeyUsageLedger } from './api-key-usage.ledger';

const KEY_A = '6f1c1f57-7c1e-4a8a-9a43-0b7c5d3f2a01';
const KEY_B = '0e8b3f4c-55d2-4c9f-8f1e-2d6a7b9c1e02';
const at = (iso: string) => Date.parse(iso);

describe('ApiKeyUsageLedger', () => {
  it('reports the latest use of each key once, whatever the order the uses were recorded in', () => {
    const ledger = new ApiKeyUsageLedger();
    ledger.record(KEY_A, 'tn_a', at('2026-11-25T10:00:02Z'));
    ledger.record(KEY_A, 'tn_a', at('2026-11-25T10:00:05Z'));
    ledger.record(KEY_B, 'tn_b', at('2026-11-25T10:00:03Z'));
    ledger.record(KEY_A, 'tn_a', at('2026-11-25T10:00:04Z'));

    const report = ledger.take('ingestion-gateway', at('2026-11-25T10:01:00Z'));

    expect(report).toEqual({
      contract_version: 1,
      reported_by: 'ingestion-gateway',
      reported_at: '2026-11-25T10:01:00.000Z',
      uses: [
        { api_key_id: KEY_A, tenant_id: 'tn_a', last_used_at: '2026-11-25T10:00:05.000Z' },
        { api_key_id: KEY_B, tenant_id: 'tn_b', last_used_at: '2026-11-25T10:00:03.000Z' },
      ],
    });
    expect(ApiKeyUsedContract.parse(report)).toBe(report);
  });

  it('has nothing to send for an interval in which no key was used', () => {
    const ledger = new ApiKeyUsageLedger();
    expect(ledger.take('gw', Date.now())).toBeNull();
    ledger.record(KEY_A, 'tn_a', at('2026-11-25T10:00:00Z'));
    expect(ledger.take('gw', Date.now())).not.toBeNull();
    expect(ledger.take('gw', Date.now())).toBeNull();
    expect(ledger.size).toBe(0);
  });

  it('merges a report that could not be sent into the next one, keeping the latest use of each key', () => {
    const ledger = new ApiKeyUsageLedger();
    ledger.record(KEY_A, 'tn_a', at('2026-11-25T10:00:05Z'));
    ledger.record(KEY_B, 'tn_b', at('2026-11-25T10:00:05Z'));
    const unsent = ledger.take('gw', Date.now());
    if (!unsent) throw new Error('expected a report');
    ledger.record(KEY_A, 'tn_a', at('2026-11-25T10:00:09Z'));
    ledger.record(KEY_B, 'tn_b', at('2026-11-25T10:00:01Z'));

    ledger.restore(unsent);

    expect(ledger.take('gw', Date.now())?.uses).toEqual([
      { api_key_id: KEY_A, tenant_id: 'tn_a', last_used_at: '2026-11-25T10:00:09.000Z' },
      { api_key_id: KEY_B, tenant_id: 'tn_b', last_used_at: '2026-11-25T10:00:05.000Z' },
    ]);
  });
});
