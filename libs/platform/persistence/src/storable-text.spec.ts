import { pathOfNul } from './storable-text';

describe('pathOfNul', () => {
  it('names the first string or key holding U+0000, nested in objects and arrays', () => {
    expect(pathOfNul({ a: 'ok', b: { c: ['x', 'y\u0000'] } })).toBe('b.c[1]');
    expect(pathOfNul({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(pathOfNul('x\u0000', 'source')).toBe('source');
  });

  it('answers undefined when nothing holds it, also for a literal backslash-u', () => {
    expect(pathOfNul({ a: '\\u0000', b: [1, null, true], c: { d: 'fine' } })).toBeUndefined();
    expect(pathOfNul(null)).toBeUndefined();
  });
});
