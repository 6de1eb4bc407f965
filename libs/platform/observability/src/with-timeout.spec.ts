import { TimeoutError, withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('passes through a value that arrives in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 50)).resolves.toBe(7);
  });

  it('rejects with a TimeoutError carrying the message when the promise is late', async () => {
    const late = new Promise((resolve) => setTimeout(resolve, 200));
    await expect(withTimeout(late, 10, 'too slow')).rejects.toEqual(new TimeoutError('too slow'));
  });

  it('keeps the promise\'s own rejection', async () => {
    await expect(withTimeout(Promise.reject(new Error('boom')), 50)).rejects.toThrow('boom');
  });
});
