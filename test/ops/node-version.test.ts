// On a Node.js older than 24 every way in stops at once with one clear message: npm install
// (engine-strict, then preinstall), the npm scripts (before compiling anything), the `aeo` bin
// and the preloaded instrument module. Run for real on Node 20 (see helpers/old-node.ts).
import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import { copyFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from '@swc/core';
import { npmCli, oldNodeBinary } from './helpers/old-node.js';
import { run } from './helpers/run.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const oldNode = oldNodeBinary();
const MESSAGE = /^AEO Audit API needs Node\.js 24 or newer, but this is Node\.js 20\.\d+\.\d+ \(/;

/**
 * Compiles `entry` (relative to src/) and every source file it imports relatively, as
 * `npm run build` would, keeping their places under `outDir`.
 */
async function compileWithImports(entry: string, outDir: string): Promise<void> {
  const srcRoot = path.join(root, 'src');
  const pending = [path.join(root, entry)];
  const done = new Set<string>();
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (done.has(file)) continue;
    done.add(file);
    const source = await readFile(file, 'utf8');
    for (const [, specifier] of source.matchAll(/(?:from|import)\s+'(\.{1,2}\/[^']+)\.js'/g)) {
      pending.push(path.resolve(path.dirname(file), `${specifier}.ts`));
    }
    const { code } = transformSync(source, {
      filename: file,
      jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2023' },
      module: { type: 'es6' },
    });
    const target = path.join(outDir, path.relative(srcRoot, file)).replace(/\.ts$/, '.js');
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, code);
  }
}

/** The environment of a child on the old Node: its folder first on PATH, nothing of Jest or npm. */
function oldNodeEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_|^NODE_OPTIONS$|^INIT_CWD$/.test(key)) env[key] = value;
  }
  env.PATH = `${path.dirname(oldNode!)}${path.delimiter}${process.env.PATH ?? ''}`;
  return env;
}

(oldNode ? describe : describe.skip)('on Node.js 20', () => {
  it('is the old Node the checks are meant for', async () => {
    const version = await run(oldNode!, ['--version']);
    expect(version.stdout).toMatch(/^v20\./);
  });

  it('the preinstall check prints the message and fails', async () => {
    const result = await run(oldNode!, ['scripts/check-node-version.cjs'], { cwd: root, env: oldNodeEnv() });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(MESSAGE);
    expect(result.stderr).toContain('nvm install');
  });

  // npm on Node 20 reads the lock file and its cache before refusing: slow on a loaded machine.
  describe('npm install', () => {
    let dir: string;
    beforeAll(async () => {
      // The files npm reads before installing anything, in a folder of their own.
      dir = await mkdtemp(path.join(tmpdir(), 'aeo-old-node-'));
      for (const file of ['package.json', 'package-lock.json', '.npmrc']) {
        await copyFile(path.join(root, file), path.join(dir, file));
      }
      await cp(path.join(root, 'scripts'), path.join(dir, 'scripts'), { recursive: true });
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('stops before installing anything, with one error naming the required Node', async () => {
      const result = await run(oldNode!, [npmCli(), 'install', '--no-audit', '--no-fund', '--offline'], {
        cwd: dir,
        env: { ...oldNodeEnv(), npm_config_cache: path.join(dir, '.npm-cache') },
      });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('EBADENGINE');
      expect(result.stderr).toContain('Required: {"node":">=24"}');
      expect(result.stderr).not.toMatch(/npm warn EBADENGINE/);
      expect(existsSync(path.join(dir, 'node_modules'))).toBe(false);
    }, 120_000);

    it('without engine-strict, the preinstall check still stops it with the message', async () => {
      // What yarn, pnpm or `--engine-strict=false` would do: npm runs the root's preinstall.
      const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
      await writeFile(
        path.join(dir, 'package.json'),
        JSON.stringify({ ...pkg, dependencies: {}, devDependencies: {}, overrides: {} }),
      );
      await rm(path.join(dir, 'package-lock.json'));
      const result = await run(
        oldNode!,
        [npmCli(), 'install', '--engine-strict=false', '--no-audit', '--no-fund', '--offline'],
        { cwd: dir, env: { ...oldNodeEnv(), npm_config_cache: path.join(dir, '.npm-cache') } },
      );
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/^AEO Audit API needs Node\.js 24 or newer/m);
    }, 120_000);
  });

  describe('npm scripts', () => {
    let dir: string;
    let shell: string;
    beforeAll(async () => {
      // npm runs every script line, its own and a nested `npm run`'s, through this shell, which
      // writes the line down: what ran is read from it, not guessed from how long it took.
      dir = await mkdtemp(path.join(tmpdir(), 'aeo-old-node-scripts-'));
      shell = path.join(dir, 'logging-sh');
      await writeFile(shell, '#!/bin/sh\nprintf \'%s\\n\' "$2" >> "$AEO_SCRIPT_LOG"\nexec /bin/sh "$@"\n', {
        mode: 0o755,
      });
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it.each(['start', 'worker', 'cli', 'aeo', 'test', 'bench'])(
      '`npm run %s` prints the message before compiling or loading anything',
      async (script) => {
        const log = path.join(dir, `${script}.log`);
        const result = await run(oldNode!, [npmCli(), 'run', '--silent', script, '--', 'help'], {
          cwd: root,
          env: { ...oldNodeEnv(), npm_config_script_shell: shell, AEO_SCRIPT_LOG: log },
        });
        expect(result.code).not.toBe(0);
        expect(result.stderr).toMatch(MESSAGE);
        expect(result.stderr).not.toMatch(/globSync|SyntaxError|error TS/);
        const lines = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
        // The check ran first, and nothing after it: no `tsc`, no program of ours.
        expect(lines[0]).toMatch(/^node scripts\/check-node-version\.cjs( &&|$)/);
        expect(lines).toHaveLength(1);
      },
    );
  });

  it('the `aeo` bin prints the message', async () => {
    const result = await run(oldNode!, ['bin/aeo.js', 'site', 'https://example.com/'], {
      cwd: root,
      env: oldNodeEnv(),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(MESSAGE);
  });

  describe('the preloaded instrument module (`node --import ./dist/src/instrument.js …`)', () => {
    let dir: string;
    beforeAll(async () => {
      // Compiled as `npm run build` would, into a folder inside the package: `#node-version-check`
      // and @sentry/node resolve from there as they do from dist/.
      await mkdir(path.join(root, '.data'), { recursive: true });
      dir = await mkdtemp(path.join(root, '.data', 'old-node-'));
      await compileWithImports('src/instrument.ts', dir);
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('prints the message before Sentry or the app load', async () => {
      const result = await run(
        oldNode!,
        ['--import', path.join(dir, 'instrument.js'), '-e', 'console.log("the app ran")'],
        { cwd: root, env: { ...oldNodeEnv(), SENTRY_DSN: 'http://public@127.0.0.1:9/1' } },
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(MESSAGE);
      expect(result.stdout).not.toContain('the app ran');
    });
  });
});
