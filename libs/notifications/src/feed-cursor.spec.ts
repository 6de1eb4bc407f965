import { decodeCursor, encodeCursor } from './feed-cursor';

describe('feed cursor', () => {
  it('round-trips a position', () => {
    const position = { createdAt: '2026-11-23T10:00:00.123Z', id: '8d0d0f5e-3f4a-4a55-9d7e-2b1c0c7e9a11' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('rejects a tampered cursor with a 400 validation error', () => {
    expect(() => decodeCursor('bm90LWEtY3Vyc29y')).toThrow(expect.objectContaining({ status: 400, code: 'VALIDATION_ERROR' }));
  });
});
