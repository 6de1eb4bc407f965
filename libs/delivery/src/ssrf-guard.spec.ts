import { guardedLookup, literalAddress, refusedAddress } from './ssrf-guard';

describe('SSRF guard', () => {
  it('refuses loopback, private, link-local (metadata), CGNAT, multicast, unique-local and IPv4-mapped addresses', () => {
    const refused: Record<string, string> = {
      '127.0.0.1': 'loopback',
      '10.0.0.1': 'private',
      '192.168.1.10': 'private',
      '172.16.0.1': 'private',
      '169.254.169.254': 'linkLocal',
      '100.64.0.1': 'carrierGradeNat',
      '224.0.0.1': 'multicast',
      '0.0.0.0': 'unspecified',
      '::1': 'loopback',
      '::ffff:127.0.0.1': 'ipv4Mapped',
      '::ffff:8.8.8.8': 'ipv4Mapped',
      'fd00:ec2::254': 'uniqueLocal',
      'fe80::1': 'linkLocal',
      '64:ff9b::7f00:1': 'rfc6052',
    };
    for (const [address, range] of Object.entries(refused)) expect({ address, range: refusedAddress(address) }).toEqual({ address, range });
  });

  it('allows public unicast addresses', () => {
    for (const address of ['8.8.8.8', '93.184.216.34', '2606:4700::1111']) expect(refusedAddress(address)).toBeUndefined();
  });

  it('tells IP literals (with or without IPv6 brackets) from names', () => {
    expect(literalAddress('127.0.0.1')).toBe('127.0.0.1');
    expect(literalAddress('[::ffff:127.0.0.1]')).toBe('::ffff:127.0.0.1');
    expect(literalAddress('example.com')).toBeUndefined();
  });

  it('refuses a hostname that resolves to loopback, in both lookup forms the socket uses', async () => {
    const one = await new Promise<unknown>((resolve) => guardedLookup('localhost', {}, (err) => resolve(err)));
    expect(one).toMatchObject({ code: 'EDESTINATIONREFUSED', message: expect.stringMatching(/localhost: .* is a loopback address/) });
    const all = await new Promise<unknown>((resolve) => guardedLookup('localhost', { all: true }, (err) => resolve(err)));
    expect(all).toMatchObject({ code: 'EDESTINATIONREFUSED' });
  });
});
