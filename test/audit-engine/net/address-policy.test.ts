import { describe, expect, it } from '@jest/globals';
import { createAddressPolicy, isPublicAddress } from '../../../src/audit-engine/net/address-policy.js';

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
    expect(policy.refusal('evil.test', '127.0.0.1')).toBe('evil.test does not resolve to a public address');
    expect(policy.refusal('169.254.169.254', '169.254.169.254')).toBe(
      '169.254.169.254 is a non-public address (linkLocal)',
    );
    expect(policy.refusal('example.com', '93.184.215.14')).toBeUndefined();
  });

  it('names the range of IPv4-compatible and non-global IPv6 literals', () => {
    const policy = createAddressPolicy();
    expect(policy.refusal('::7f00:1', '::7f00:1')).toBe('::7f00:1 is a non-public address (loopback)');
    expect(policy.refusal('fec0::1', 'fec0::1')).toBe('fec0::1 is a non-public address (reserved)');
    expect(createAddressPolicy(['127.0.0.0/8']).refusal('a', '::7f00:1')).toBeUndefined();
  });

  it('allows listed hostnames whatever they resolve to', () => {
    const policy = createAddressPolicy(['Intranet.Local']);
    expect(policy.refusal('intranet.local', '10.1.2.3')).toBeUndefined();
    expect(policy.refusal('other.local', '10.1.2.3')).toBeDefined();
  });

  it('allows listed IPs, including their IPv4-mapped form', () => {
    const policy = createAddressPolicy(['127.0.0.1']);
    expect(policy.refusal('localhost', '127.0.0.1')).toBeUndefined();
    expect(policy.refusal('localhost', '::ffff:127.0.0.1')).toBeUndefined();
    expect(policy.refusal('localhost', '127.0.0.2')).toBeDefined();
    expect(policy.refusal('localhost', '::1')).toBeDefined();
  });

  it('allows listed CIDRs (IPv4 and IPv6) and nothing outside them', () => {
    const policy = createAddressPolicy(['10.0.0.0/8', 'fd00::/8', ' [::1] ', '']);
    expect(policy.refusal('a', '10.200.1.1')).toBeUndefined();
    expect(policy.refusal('a', 'fd12::1')).toBeUndefined();
    expect(policy.refusal('a', '::1')).toBeUndefined();
    expect(policy.refusal('a', '192.168.0.1')).toBeDefined();
    expect(policy.refusal('a', '169.254.169.254')).toBeDefined();
  });
});
