// URLs in spans: the credentials of a query string and of the user-info part never leave.
import { describe, expect, it } from '@jest/globals';
import { redactUrl } from '../../src/infra/redact-url.js';

describe('redactUrl', () => {
  it('replaces the values of credential parameters, whatever their case', () => {
    expect(redactUrl('https://hooks.example.com/in?Key=abc123&team=7&token=t0k')?.toString()).toBe(
      'https://hooks.example.com/in?Key=REDACTED&team=7&token=REDACTED',
    );
  });

  it('replaces a user name and password', () => {
    expect(redactUrl('https://user:pa55@example.com/path')?.toString()).toBe(
      'https://REDACTED:REDACTED@example.com/path',
    );
  });

  it('leaves a URL without secrets as it is, and refuses what does not parse', () => {
    expect(redactUrl('https://example.com/a/b?page=2')?.toString()).toBe('https://example.com/a/b?page=2');
    expect(redactUrl('not a url')).toBeNull();
  });
});
