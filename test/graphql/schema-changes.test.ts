import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { checkSchemaAgainstBase } from '../../src/graphql/schema-breaking.js';
import {
  changeKey,
  compareSchemas,
  formatSchemaChangeReport,
  parseAllowList,
} from '../../src/graphql/schema-changes.js';

const BASE = `
  type Query { audit(id: ID!): Audit }
  type Audit { id: ID! score: Float grade: String }
  enum Severity { HIGH LOW }
`;
const WITHOUT_GRADE = BASE.replace(' grade: String', '');

describe('compareSchemas', () => {
  it('reports a removed field as breaking, with the key the allow file takes', async () => {
    const report = await compareSchemas(BASE, WITHOUT_GRADE);
    expect(report.breaking.map(changeKey)).toEqual(['FIELD_REMOVED Audit.grade']);
    expect(formatSchemaChangeReport(report, 'main')).toMatch(
      /BREAKING, not acknowledged:\n {2}FIELD_REMOVED Audit\.grade: Field 'grade' was removed from object type 'Audit'/,
    );
  });

  it('passes a breaking change the allow file acknowledges, and names unused entries', async () => {
    const allowed = parseAllowList(
      [
        '# comment',
        'FIELD_REMOVED Audit.grade  # replaced by score bands, announced in the changelog',
        'TYPE_REMOVED Old  # gone long ago',
      ].join('\n'),
    );
    const report = await compareSchemas(BASE, WITHOUT_GRADE, allowed);
    expect(report.breaking).toEqual([]);
    expect(report.acknowledged.map(changeKey)).toEqual(['FIELD_REMOVED Audit.grade']);
    expect(report.unused.map((entry) => [entry.key, entry.line])).toEqual([['TYPE_REMOVED Old', 3]]);
  });

  it('sorts additions as safe and a new enum value as dangerous', async () => {
    const head = BASE.replace('grade: String', 'grade: String url: String').replace('LOW', 'LOW INFO');
    const report = await compareSchemas(BASE, head);
    expect(report.breaking).toEqual([]);
    expect(report.safe.map(changeKey)).toEqual(['FIELD_ADDED Audit.url']);
    expect(report.dangerous.map(changeKey)).toEqual(['ENUM_VALUE_ADDED Severity.INFO']);
  });

  it('calls a type change of an argument breaking', async () => {
    const report = await compareSchemas(BASE, BASE.replace('audit(id: ID!)', 'audit(id: String!)'));
    expect(report.breaking.map(changeKey)).toEqual(['FIELD_ARGUMENT_TYPE_CHANGED Query.audit.id']);
  });

  it('refuses a schema that does not parse, saying which one', async () => {
    await expect(compareSchemas(BASE, 'type Query {')).rejects.toThrow(
      /the new schema does not parse: Syntax Error/,
    );
  });
});

describe('parseAllowList', () => {
  it('needs a reason for every entry', () => {
    expect(() => parseAllowList('FIELD_REMOVED Audit.grade')).toThrow(
      /schema-changes\.allow:1: "FIELD_REMOVED Audit\.grade" needs a reason/,
    );
  });

  it('refuses a line that is not "<CHANGE_TYPE> <path>"', () => {
    expect(() => parseAllowList('\nremoved Audit.grade # why')).toThrow(/schema-changes\.allow:2: expected/);
  });
});

describe('checkSchemaAgainstBase (a scratch git repository)', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  function repo() {
    dir = mkdtempSync(join(tmpdir(), 'aeo-schema-'));
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: dir,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'test',
          GIT_AUTHOR_EMAIL: 'test@example.com',
          GIT_COMMITTER_NAME: 'test',
          GIT_COMMITTER_EMAIL: 'test@example.com',
        },
      }).toString();
    git('init', '--quiet', '--initial-branch=main');
    const commit = (files: Record<string, string>, message: string) => {
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir!, name), text);
      git('add', '.');
      git('commit', '--quiet', '-m', message);
    };
    return { cwd: dir, git, commit };
  }

  it('fails on a field removed on a branch, against where it left main', async () => {
    const { cwd, git, commit } = repo();
    commit({ 'schema.graphql': BASE }, 'schema');
    expect(await checkSchemaAgainstBase({ cwd, schemaFile: 'schema.graphql' })).toEqual({
      ok: true,
      text: 'no earlier commit to compare with: nothing to check',
    });
    git('checkout', '--quiet', '-b', 'scratch');
    commit({ 'schema.graphql': WITHOUT_GRADE }, 'drop grade');
    commit({ 'notes.txt': 'later commit' }, 'unrelated');
    const failed = await checkSchemaAgainstBase({ cwd, schemaFile: 'schema.graphql' });
    expect(failed.ok).toBe(false);
    expect(failed.text).toMatch(/FIELD_REMOVED Audit\.grade/);
    expect(failed.text).toMatch(/1 breaking, 0 acknowledged/);

    commit({ 'schema-changes.allow': 'FIELD_REMOVED Audit.grade # clients moved to score\n' }, 'ack');
    const acknowledged = await checkSchemaAgainstBase({ cwd, schemaFile: 'schema.graphql' });
    expect(acknowledged.ok).toBe(true);
    expect(acknowledged.text).toMatch(/0 breaking, 1 acknowledged/);

    // Merged into main, the check compares main with its previous commit: still acknowledged.
    git('checkout', '--quiet', 'main');
    git('merge', '--quiet', '--no-ff', '-m', 'merge scratch', 'scratch');
    const onMain = await checkSchemaAgainstBase({ cwd, schemaFile: 'schema.graphql' });
    expect(onMain).toMatchObject({ ok: true, text: expect.stringMatching(/1 acknowledged.*against HEAD~1/) });
  });

  it('compares with a given ref, and refuses an unknown one', async () => {
    const { cwd, commit } = repo();
    commit({ 'schema.graphql': BASE }, 'one');
    commit({ 'schema.graphql': WITHOUT_GRADE }, 'two');
    // On main: against the previous commit.
    const failed = await checkSchemaAgainstBase({ cwd, schemaFile: 'schema.graphql' });
    expect(failed).toMatchObject({ ok: false, text: expect.stringMatching(/1 breaking.*against HEAD~1/) });
    const same = await checkSchemaAgainstBase({ cwd, schemaFile: 'schema.graphql', ref: 'HEAD' });
    expect(same).toMatchObject({ ok: true, text: expect.stringMatching(/^0 breaking.* 0 safe change/) });
    await expect(checkSchemaAgainstBase({ cwd, schemaFile: 'schema.graphql', ref: 'nope' })).rejects.toThrow(
      /unknown git ref "nope"/,
    );
  });
});
