// What scrubEvent removes before an event leaves, whoever reported it.
import { describe, expect, it } from '@jest/globals';
import type { ErrorEvent } from '@sentry/node';
import { AppError, badUserInput, internalError, notFound } from '../../src/common/errors.js';
import { scrubEvent, scrubText } from '../../src/infra/sentry.js';

const event = (extra: Partial<ErrorEvent> = {}): ErrorEvent => ({ type: undefined, ...extra });

describe('scrubEvent', () => {
  it('drops expected errors (user mistakes, refusals, limits), keeps internal ones', () => {
    for (const error of [badUserInput('bad'), notFound('Audit'), new AppError('RATE_LIMITED', 'slow down')]) {
      expect(scrubEvent(event(), { originalException: error })).toBeNull();
    }
    expect(scrubEvent(event(), { originalException: internalError('r1') })).not.toBeNull();
    expect(scrubEvent(event(), { originalException: new TypeError('x is undefined') })).not.toBeNull();
  });

  it('keeps only the user id, and no request body, cookies or credential headers', () => {
    const scrubbed = scrubEvent(
      event({
        user: { id: 'u1', email: 'me@example.com', ip_address: '203.0.113.9', username: 'me' },
        request: {
          url: 'http://api.example/graphql',
          data: '{"query":"mutation { login(input: {password: \\"hunter2\\"}) { accessToken } }"}',
          cookies: { session: 'abc' },
          headers: {
            Authorization: 'Bearer eyJhbGciOi.eyJzdWIiOi.sig',
            'x-api-key': 'aeo_live_abcd1234_secret',
            'user-agent': 'curl',
          },
        },
      }),
    )!;
    expect(scrubbed.user).toEqual({ id: 'u1' });
    expect(scrubbed.request).toEqual({
      url: 'http://api.example/graphql',
      headers: { Authorization: '[redacted]', 'x-api-key': '[redacted]', 'user-agent': 'curl' },
    });
  });

  it('removes credentials from every string: messages, stack values, breadcrumbs, extra', () => {
    const scrubbed = scrubEvent(
      event({
        message: 'connect to postgres://aeo:s3cret-pass@db.internal:5432/aeo failed',
        exception: {
          values: [{ type: 'Error', value: 'fetch https://x.example/reports/1.html?token=tok123&x=1' }],
        },
        breadcrumbs: [{ message: 'sent Authorization: Bearer abc.def-ghi' }],
        extra: { nested: { deep: ['key aeo_live_abcdefgh_0123456789 and whsec_0123abcd'] } },
      }),
    )!;
    const text = JSON.stringify(scrubbed);
    for (const secret of ['s3cret-pass', 'tok123', 'abc.def-ghi', '0123456789', 'whsec_0123abcd']) {
      expect(text).not.toContain(secret);
    }
    expect(scrubbed.message).toBe('connect to postgres://aeo:[redacted]@db.internal:5432/aeo failed');
  });
});

describe('scrubText', () => {
  it('redacts JWTs and JSON-ish password fields, and leaves ordinary text alone', () => {
    expect(scrubText('token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl here')).toBe(
      'token [redacted jwt] here',
    );
    expect(scrubText('{"password":"hunter2","name":"x"}')).toBe('{"password":"[redacted]","name":"x"}');
    expect(scrubText('relation "projects" does not exist')).toBe('relation "projects" does not exist');
  });
});
