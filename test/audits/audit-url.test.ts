// The early check of an audit's URL: every spelling of a private address is refused, whatever
// form the user typed it in, and public names pass.
import { describe, expect, it } from '@jest/globals';
import { normalizeAuditUrl } from '../../src/modules/audits/audit-url.js';

describe('normalizeAuditUrl', () => {
  it.each([
    'http://127.0.0.1/',
    'http://127.1/',
    'http://0x7f.0.0.1/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://10.0.0.1:8080/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[fd00::1]/',
    'http://169.254.169.254/latest/meta-data/',
  ])('refuses %s as not public', (url) => {
    expect(() => normalizeAuditUrl(url, [])).toThrow(/public host/);
  });

  it('refuses local names and accepts public ones, normalized', () => {
    expect(() => normalizeAuditUrl('http://localhost:3000/', [])).toThrow(/local name/);
    expect(() => normalizeAuditUrl('printer.local', [])).toThrow(/local name/);
    expect(normalizeAuditUrl('Example.COM/path#part', [])).toBe('https://example.com/path');
    expect(normalizeAuditUrl('http://93.184.215.14/', [])).toBe('http://93.184.215.14/');
  });

  it('accepts a private host the operator allowed', () => {
    expect(normalizeAuditUrl('http://127.0.0.1:8080/', ['127.0.0.1'])).toBe('http://127.0.0.1:8080/');
  });
});
