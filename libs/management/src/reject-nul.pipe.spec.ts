import { ErrorCode } from '@herald/contracts';
import { fieldsHoldingNul, RejectNulPipe } from './reject-nul.pipe';

describe('RejectNulPipe', () => {
  const pipe = new RejectNulPipe();

  it('names each top-level field holding U+0000 at any depth, in a value or a key', () => {
    expect(fieldsHoldingNul({ email: 'a\u0000', groups: ['ok', 'b\u0000'], attributes: { deep: { 'k\u0000': 1 } }, name: 'fine' })).toEqual(['email', 'groups', 'attributes']);
    expect(fieldsHoldingNul('x\u0000', 'id')).toEqual(['id']);
    expect(fieldsHoldingNul({ text: 'a literal \\u0000 is fine', n: 1, none: null })).toEqual([]);
  });

  it('passes clean values through and refuses others: 422 in a body, 400 in a parameter', () => {
    const body = { name: 'ok' };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
    expect(() => pipe.transform({ name: 'a\u0000' }, { type: 'body' })).toThrow(
      expect.objectContaining({ status: 422, code: ErrorCode.VALIDATION_ERROR, details: { errors: [{ path: 'name', message: expect.any(String) }] } }),
    );
    expect(() => pipe.transform('a\u0000', { type: 'param', data: 'id' })).toThrow(expect.objectContaining({ status: 400, details: { errors: [{ path: 'id', message: expect.any(String) }] } }));
    expect(() => pipe.transform({ role: 'a\u0000' }, { type: 'query' })).toThrow(expect.objectContaining({ status: 400 }));
  });
});
