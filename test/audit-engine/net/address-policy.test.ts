import { describe, expect, it } from '@jest/globals';
import {
  AllowListError,
  createAddressPolicy,
  isPublicAddress,
  parseAllowEntry,
} from '../../../src/audit-engine/net/address-policy.js';

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '0.1.2.3',
    '224.0.0.1',
    '255.255.255.255',
    '192.0.2.1',
    '198.18.0.1',
    '::1',
    '::',
    'fd00::1',
    'fc00::1',
    'fe80::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:169.254.169.254',
    '64:ff9b::7f00:1',
    '2002:7f00:1::1',
    '2001:db8::1',
    // IPv4-compatible (::/96) addresses wrap IPv4; outside 2000::/3 nothing is global unicast.
    '::7f00:1',
    '::127.0.0.1',
    '::a9fe:a9fe',
    '::a00:1',
    '::2',
    'fec0::1',
    'feff::1',
    '64:ff9b:1::a00:1',
    '64:ff9b:1::808:808',
    '100::1',
    '4000::1',
    'e000::1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '::808:808',
  ])('allows %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('createAddressPolicy', () => {
  it('refuses private addresses with a reason naming host and address', () => {
    const policy = createAddressPolicy();
    expect(policy.refusal('evil.test', '127.0.0.1', 443)).toBe(
      'evil.test does not resolve to a public address',
    );
    expect(policy.refusal('169.254.169.254', '169.254.169.254', 443)).toBe(
      '169.254.169.254 is a non-public address (linkLocal)',
    );
    expect(policy.refusal('example.com', '93.184.215.14', 443)).toBeUndefined();
  });

  it('names the range of IPv4-compatible and non-global IPv6 literals', () => {
    const policy = createAddressPolicy();
    expect(policy.refusal('::7f00:1', '::7f00:1', 443)).toBe('::7f00:1 is a non-public address (loopback)');
    expect(policy.refusal('fec0::1', 'fec0::1', 443)).toBe('fec0::1 is a non-public address (reserved)');
    expect(createAddressPolicy(['127.0.0.0/8']).refusal('a', '::7f00:1', 443)).toBeUndefined();
  });

  it('allows listed hostnames whatever they resolve to', () => {
    const policy = createAddressPolicy(['Intranet.Local']);
    expect(policy.refusal('intranet.local', '10.1.2.3', 443)).toBeUndefined();
    expect(policy.refusal('other.local', '10.1.2.3', 443)).toBeDefined();
  });

  it('allows listed IPs, including their IPv4-mapped form', () => {
    const policy = createAddressPolicy(['127.0.0.1']);
    expect(policy.refusal('localhost', '127.0.0.1', 443)).toBeUndefined();
    expect(policy.refusal('localhost', '::ffff:127.0.0.1', 443)).toBeUndefined();
    expect(policy.refusal('localhost', '127.0.0.2', 443)).toBeDefined();
    expect(policy.refusal('localhost', '::1', 443)).toBeDefined();
  });

  it('allows listed CIDRs (IPv4 and IPv6) and nothing outside them', () => {
    const policy = createAddressPolicy(['10.0.0.0/8', 'fd00::/8', ' [::1] ', '']);
    expect(policy.refusal('a', '10.200.1.1', 443)).toBeUndefined();
    expect(policy.refusal('a', 'fd12::1', 443)).toBeUndefined();
    expect(policy.refusal('a', '::1', 443)).toBeUndefined();
    expect(policy.refusal('a', '192.168.0.1', 443)).toBeDefined();
    expect(policy.refusal('a', '169.254.169.254', 443)).toBeDefined();
  });

  it('limits host:port, ip:port, [ipv6]:port and cidr:port entries to that port', () => {
    const policy = createAddressPolicy([
      'intranet.local:8080',
      '127.0.0.1:3000',
      '[::1]:4000',
      '10.0.0.0/8:9000',
    ]);
    expect(policy.refusal('intranet.local', '10.9.9.9', 8080)).toBeUndefined();
    expect(policy.refusal('intranet.local', '10.9.9.9', 22)).toBe(
      'port 22 of intranet.local is not in AUDIT_ALLOWED_PRIVATE_HOSTS',
    );
    expect(policy.refusal('127.0.0.1', '127.0.0.1', 3000)).toBeUndefined();
    expect(policy.refusal('127.0.0.1', '127.0.0.1', 5432)).toBe(
      'port 5432 of 127.0.0.1 is not in AUDIT_ALLOWED_PRIVATE_HOSTS',
    );
    expect(policy.refusal('::1', '::1', 4000)).toBeUndefined();
    expect(policy.refusal('::1', '::1', 4001)).toBeDefined();
    expect(policy.refusal('a', '10.1.1.1', 9000)).toBeUndefined();
    // Through DNS, a range on another port answers like any private address: no hint what a name resolves to.
    expect(policy.refusal('a', '10.1.1.1', 22)).toBe('a does not resolve to a public address');
  });

  it('lists a hostname for the early URL check whatever its port', () => {
    const policy = createAddressPolicy(['intranet.local:8080', '10.0.0.1']);
    expect(policy.listsHost('INTRANET.local')).toBe(true);
    expect(policy.listsHost('10.0.0.1')).toBe(false);
    expect(policy.listsHost('other.local')).toBe(false);
  });
});

describe('parseAllowEntry', () => {
  it.each([
    ['example.internal', { kind: 'host', host: 'example.internal', port: undefined }],
    ['Example.Internal.:81', { kind: 'host', host: 'example.internal', port: 81 }],
    ['localhost', { kind: 'host', host: 'localhost', port: undefined }],
  ])('parses %s', (entry, parsed) => {
    expect(parseAllowEntry(entry)).toEqual(parsed);
  });

  it.each([
    ['http://intranet.local', /not a URL/],
    ['intranet.local:0', /port must be 1-65535/],
    ['intranet.local:70000', /port must be 1-65535/],
    ['intranet.local:http', /port must be 1-65535/],
    ['10.0.0.0/33', /not a valid IP address or CIDR/],
    ['300.1.1.1', /not a valid IP address or CIDR/],
    ['[fd00::zz]:80', /not a valid IP address or CIDR/],
    ['a:b:c', /not a valid IP address or CIDR/],
    ['exa mple.com', /not a hostname, IP address or CIDR range/],
    ['-bad.example', /not a hostname/],
  ])('refuses %s', (entry, message) => {
    expect(() => parseAllowEntry(entry)).toThrow(AllowListError);
    expect(() => parseAllowEntry(entry)).toThrow(message);
  });

  it('makes createAddressPolicy refuse a malformed list', () => {
    expect(() => createAddressPolicy(['127.0.0.1', 'intranet:abc'])).toThrow(AllowListError);
  });
});
