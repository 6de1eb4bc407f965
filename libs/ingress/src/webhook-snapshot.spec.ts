import { createHash } from 'node:crypto';
import { webhookSnapshot } from './webhook-snapshot';

describe('webhookSnapshot', () => {
  it("keeps the body byte for byte and every header, redacting the provider's and the platform's secret headers", () => {
    const rawBody = Buffer.from('{ "eventId" : "e1" }');
    const snapshot = webhookSnapshot(
      {
        headers: { 'content-type': 'application/json', 'x-acme-signature': 't=1,v1=ab', authorization: 'Bearer x', 'x-initech-key': 'k', 'x-forwarded-for': ['a', 'b'], absent: undefined },
        rawBody,
        receivedAt: new Date(),
      },
      ['x-initech-key'],
    );
    expect(snapshot).toEqual({
      headers: { 'content-type': 'application/json', 'x-acme-signature': '[redacted]', authorization: '[redacted]', 'x-initech-key': '[redacted]', 'x-forwarded-for': ['a', 'b'] },
      body: '{ "eventId" : "e1" }',
      body_sha256: createHash('sha256').update(rawBody).digest('hex'),
    });
  });
});
