// The operator CLI beside a running `npm start` on the embedded PostgreSQL (no DATABASE_URL):
// it uses the server's database instead of starting a second one on the same folder, starts its
// own when the server is gone (a stale lock file included), and every failure says why.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { freePort, root, runEntry, startEntry, type LongRunning } from './helpers/processes.js';

const PASSWORD = 'a long passphrase for the cli test';

describe('users:promote while the API runs on the embedded PostgreSQL', () => {
  let dir: string;
  let env: Record<string, string>;
  let api: LongRunning;
  let apiUrl: string;
  const email = `operator-${Date.now()}@example.com`;

  const gql = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: any[] };
  };
  const roleAfterSignIn = async () => {
    const result = await gql('mutation($input: LoginInput!) { login(input: $input) { user { role } } }', {
      input: { email, password: PASSWORD },
    });
    expect(result.errors).toBeUndefined();
    return result.data.login.user.role as string;
  };

  beforeAll(async () => {
    dir = path.join(root, '.data', 'ops-tests', `cli-${process.pid}-${Date.now()}`);
    await mkdir(dir, { recursive: true });
    const port = await freePort();
    apiUrl = `http://127.0.0.1:${port}`;
    env = {
      NODE_ENV: 'development',
      EMBEDDED_POSTGRES_DIR: path.join(dir, 'postgres'),
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      HOST: '127.0.0.1',
      PORT: String(port),
    };
    api = startEntry('main.ts', env);
    await api.waitFor(/GraphQL API and IDE on/, 90_000);
    const registered = await gql(
      'mutation($input: RegisterInput!) { register(input: $input) { user { role } } }',
      { input: { email, password: PASSWORD } },
    );
    expect(registered.errors).toBeUndefined();
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it('promotes through the running server’s database', async () => {
    expect(await roleAfterSignIn()).toBe('USER');
    const result = await runEntry('cli.ts', ['users:promote', email], env);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(`${email} is now ADMIN`);
    expect(result.code).toBe(0);
    expect(await roleAfterSignIn()).toBe('ADMIN');
    // The server and its database are untouched by the command's end.
    expect(api.child.exitCode).toBeNull();
    expect((await fetch(`${apiUrl}/readyz`)).status).toBe(200);
  }, 60_000);

  it('an unknown account is one clear line, not `undefined`', async () => {
    const result = await runEntry('cli.ts', ['users:promote', 'nobody@example.com'], env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/nobody@example\.com/);
    expect(result.stderr).not.toMatch(/undefined/);
  }, 60_000);

  it('a second server on the same folder refuses with the reason and what to do', async () => {
    const second = await runEntry('main.ts', [], { ...env, PORT: String(await freePort()) });
    expect(second.code).toBe(1);
    const failure = second.stderr.split('\n').find((line) => line.startsWith('Failed to start: '));
    expect(failure).toMatch(
      new RegExp(`The embedded PostgreSQL in .*postgres is already running in process \\d+ .*DATABASE_URL`),
    );
    expect(second.stderr).not.toMatch(/Failed to start: undefined/);
    expect((await fetch(`${apiUrl}/readyz`)).status).toBe(200);
  }, 60_000);

  it('with the server stopped, and a stale lock file left behind, the CLI runs its own', async () => {
    const lockFile = path.join(env.EMBEDDED_POSTGRES_DIR!, 'postmaster.pid');
    const lock = await readFile(lockFile, 'utf8');
    expect(await api.stop()).toBe(0);
    expect(existsSync(lockFile)).toBe(false);
    // What a crash leaves: the lock file of a PostgreSQL that no longer runs.
    await writeFile(lockFile, lock);
    const result = await runEntry('cli.ts', ['users:promote', email], env);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe(`${email} is now ADMIN`);
    expect(result.code).toBe(0);
    // Its own server stopped with it.
    expect(existsSync(lockFile)).toBe(false);
  }, 90_000);
});

describe('an embedded PostgreSQL that cannot start', () => {
  it('says why, in PostgreSQL’s own words, instead of `undefined`', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    const dir = path.join(root, '.data', 'ops-tests', `port-${process.pid}-${Date.now()}`);
    try {
      const result = await runEntry('cli.ts', ['users:promote', 'x@example.com'], {
        EMBEDDED_POSTGRES_DIR: path.join(dir, 'postgres'),
        EMBEDDED_POSTGRES_PORT: String(port),
      });
      expect(result.code).toBe(1);
      const [first, said, ...log] = result.stderr.trim().split('\n');
      expect(first).toBe(
        `The embedded PostgreSQL (data ${path.join(dir, 'postgres')}, port ${port}) did not start: ` +
          'PostgreSQL exited during start-up',
      );
      expect(said).toBe('PostgreSQL said:');
      expect(log.join('\n')).toMatch(/could not bind IPv4 address "127\.0\.0\.1": Address already in use/);
      expect(log.join('\n')).not.toMatch(/initdb|bootstrap/);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
