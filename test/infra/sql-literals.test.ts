// The SQL text spans carry: no value the ORM inlined survives, the statement's shape does.
import { describe, expect, it } from '@jest/globals';
import { withoutSqlLiterals } from '../../src/infra/sql-literals.js';

describe('withoutSqlLiterals', () => {
  it('replaces quoted strings, escaped quotes included', () => {
    expect(
      withoutSqlLiterals(
        `select count(*) as "count" from "users" as "u0" where "u0"."email" = 'it''s@example.com'`,
      ),
    ).toBe(`select count(*) as "count" from "users" as "u0" where "u0"."email" = ?`);
  });

  it('replaces numbers and E-strings but keeps identifiers and placeholders', () => {
    expect(
      withoutSqlLiterals(`insert into "t2" ("a1", b) values (42, -3.5, 1e10, E'x\\ny', null) returning id`),
    ).toBe(`insert into "t2" ("a1", b) values (?, ?, ?, ?, null) returning id`);
    expect(withoutSqlLiterals('select t1.c2 from t1 where a = $1 and b = $2 limit 10')).toBe(
      'select t1.c2 from t1 where a = $1 and b = $2 limit ?',
    );
  });

  it('replaces dollar-quoted bodies and casts of literals', () => {
    expect(withoutSqlLiterals(`do $body$ begin perform 'secret'; end $body$`)).toBe('do ?');
    expect(withoutSqlLiterals(`select 'epoch'::timestamp + '1s'::interval * 3`)).toBe(
      'select ?::timestamp + ?::interval * ?',
    );
  });

  it('keeps no part of a multi-line value', () => {
    const sql = `insert into "mail_outbox" ("text") values ('Open this link:\nhttp://x/verify?token=ev_abc\n')`;
    expect(withoutSqlLiterals(sql)).toBe('insert into "mail_outbox" ("text") values (?)');
  });
});
