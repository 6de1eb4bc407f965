// The shared Ajv instance: formats for every schema, one validator per schema object, and a
// second schema under an `$id` already compiled does not disturb the first one's validator.
import { compileSchema } from './schema-validator';
import { EventAcceptedContract } from './messages/event-accepted.message';

describe('compileSchema', () => {
  it('checks formats (uuid, date-time) for message contracts and event schemas alike', () => {
    expect(compileSchema({ type: 'string', format: 'date-time' })('yesterday')).toBe(false);
    expect(() => EventAcceptedContract.parse({ event_id: 'not-a-uuid' })).toThrow(/event_id/);
  });

  it('returns the same validator for the same schema object', () => {
    const schema = { type: 'object', required: ['a'] };
    expect(compileSchema(schema)).toBe(compileSchema(schema));
  });

  it('compiles another schema under an $id already compiled, each validator keeping its own schema', () => {
    const first = compileSchema({ $id: 'urn:test:reused:v1', type: 'object', properties: { a: { type: 'string' } } });
    const second = compileSchema({ $id: 'urn:test:reused:v1', type: 'object', properties: { a: { type: 'number' } } });
    expect([first({ a: 'x' }), first({ a: 1 })]).toEqual([true, false]);
    expect([second({ a: 'x' }), second({ a: 1 })]).toEqual([false, true]);
  });
});
