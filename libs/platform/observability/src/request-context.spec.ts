import { childTraceparent, HttpRequestContext, requestIdFrom, RequestContext } from './request-context';

describe('request context', () => {
  it('keeps the trace id of a valid traceparent and makes a new span id', () => {
    const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const child = childTraceparent(incoming);
    expect(child).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(child).not.toBe(incoming);
  });

  it('starts a new trace when the traceparent is missing or malformed', () => {
    expect(childTraceparent(undefined)).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(childTraceparent('garbage')).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('takes a sane x-request-id and replaces one with odd characters', () => {
    expect(requestIdFrom('abc-123')).toBe('abc-123');
    expect(requestIdFrom('bad id\n')).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('exposes the request id inside run() only', async () => {
    expect(RequestContext.requestId()).toBeUndefined();
    await RequestContext.run({ requestId: 'r1', traceparent: childTraceparent() }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      expect(RequestContext.requestId()).toBe('r1');
    });
  });

  it('gives an HTTP request its own id and one child traceparent, made when first read', () => {
    const incoming = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const context = new HttpRequestContext('r2', incoming);
    expect(context.requestId).toBe('r2');
    expect(context.traceparent).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(context.traceparent).toBe(context.traceparent);
    expect(new HttpRequestContext('r3', undefined).traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});
