// Which pg_dump/pg_restore serves a server: pg_dump refuses a server newer than itself.
import { describe, expect, it } from '@jest/globals';
import { BackupError, findTools, pickTool } from '../../src/infra/postgres-backup.js';

describe('pickTool', () => {
  const found = [
    { path: '/usr/lib/postgresql/18/bin/pg_dump', major: 18 },
    { path: '/usr/lib/postgresql/15/bin/pg_dump', major: 15 },
    { path: '/usr/lib/postgresql/17/bin/pg_dump', major: 17 },
  ];

  it('takes the oldest copy at least as new as the server', () => {
    expect(pickTool('pg_dump', found, 16).major).toBe(17);
    expect(pickTool('pg_dump', found, 15).major).toBe(15);
    expect(pickTool('pg_dump', found, 18).major).toBe(18);
  });

  it('says which version is needed, what was found and how to get it', () => {
    expect(() => pickTool('pg_dump', found.slice(1), 18)).toThrow(BackupError);
    expect(() => pickTool('pg_dump', found.slice(1, 2), 18)).toThrow(
      'The database runs PostgreSQL 18; pg_dump must be version 18 or newer, and only ' +
        '/usr/lib/postgresql/15/bin/pg_dump (15) was found. Install the PostgreSQL 18 client tools ' +
        '(Debian/Ubuntu: postgresql-client-18) or put their folder first on PATH.',
    );
    expect(() => pickTool('pg_restore', [], 16)).toThrow(/and none was found/);
  });
});

describe('findTools', () => {
  it('finds the installed client tools with their versions, each copy once', async () => {
    const tools = await findTools('pg_dump');
    expect(tools.length).toBeGreaterThan(0);
    for (const tool of tools) expect(tool.major).toBeGreaterThanOrEqual(9);
    expect(new Set(tools.map((tool) => tool.path)).size).toBe(tools.length);
  });
});
