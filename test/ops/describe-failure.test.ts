// The start-up failure line: always the cause, also for errors that carry no message.
import { describe, expect, it } from '@jest/globals';
import { describeFailure } from '../../src/infra/lifecycle.js';

describe('describeFailure', () => {
  it('says the message and its causes', () => {
    const error = new Error('could not open the database', {
      cause: new Error('password authentication failed'),
    });
    expect(describeFailure(error)).toBe(
      'could not open the database; caused by: password authentication failed',
    );
  });

  it('spells out a refused connection to every address (an AggregateError without a message)', () => {
    const refused = (address: string) =>
      Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' });
    const error = new AggregateError([refused('127.0.0.1:5432'), refused('[::1]:5432')]);
    expect(describeFailure(error)).toBe(
      'connect ECONNREFUSED 127.0.0.1:5432; connect ECONNREFUSED [::1]:5432',
    );
  });

  it('falls back to the code, then the kind, of an error without a message', () => {
    expect(describeFailure(Object.assign(new Error(''), { code: 'EACCES' }))).toBe('EACCES');
    expect(describeFailure(new TypeError(''))).toBe('TypeError');
  });

  it('never prints `undefined` for a rejection with nothing', () => {
    expect(describeFailure(undefined)).toBe('an error that carried no description (rejected with nothing)');
    expect(describeFailure(null)).not.toMatch(/undefined|null/);
    expect(describeFailure('disk full')).toBe('disk full');
  });

  it('adds where it happened when asked', () => {
    const text = describeFailure(new Error('boom'), { stack: true });
    expect(text.split('\n')[0]).toBe('boom');
    expect(text).toMatch(/\n\s+at .*describe-failure\.test\.ts/);
  });
});
