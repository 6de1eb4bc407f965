import { decodeCursor, encodeCursor } from './feed-cursor';

describe('feed cursor', () => {
  it('round-trips a position, up to the largest bigint', () => {
    for (const seq of ['1', '42', '9223372036854775807']) expect(decodeCursor(encodeCursor({ seq }))).toEqual({ seq });
  });

  it('is opaque: no seq readable in the text a client sees', () => {
    expect(encodeCursor({ seq: '12345' })).not.toContain('12345');
  });

  it('rejects a tampered or foreign cursor with a 400 validation error', () => {
    const foreign = [
      'bm90LWEtY3Vyc29y',
      Buffer.from('seq:-1').toString('base64url'),
      Buffer.from('seq:0').toString('base64url'),
      Buffer.from('seq:1 OR 1=1').toString('base64url'),
      Buffer.from('seq:9223372036854775808').toString('base64url'),
      // the clock-based cursor of the previous release
      Buffer.from('2026-11-23T10:00:00.123Z|8d0d0f5e-3f4a-4a55-9d7e-2b1c0c7e9a11').toString('base64url'),
    ];
    for (const cursor of foreign) {
      expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ status: 400, code: 'VALIDATION_ERROR' }));
    }
  });
});
