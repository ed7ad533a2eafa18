import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSiteAudit } from '../../src/audit-engine/site/index.js';
import { badSiteRoutes } from '../audit-engine/helpers/bad-site.js';
import { startFixtureServer, type FixtureServer } from '../audit-engine/helpers/fixture-server.js';
import { goodSiteRoutes } from '../audit-engine/helpers/good-site.js';
import { runAeo } from './aeo.js';

const ALLOW = ['--allow-private', '127.0.0.1'];

describe('aeo site', () => {
  let good: FixtureServer;
  let bad: FixtureServer;
  let dir: string;

  beforeAll(async () => {
    good = await startFixtureServer(goodSiteRoutes());
    bad = await startFixtureServer(badSiteRoutes());
    dir = mkdtempSync(join(tmpdir(), 'aeo-cli-'));
  });
  afterAll(async () => {
    await Promise.all([good.close(), bad.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('--format json prints the result document, scored as runSiteAudit scores in-process', async () => {
    const [run, inProcess] = await Promise.all([
      runAeo(['site', `${bad.origin}/`, ...ALLOW, '--format', 'json']),
      runSiteAudit(`${bad.origin}/`, { allowedPrivateHosts: ['127.0.0.1'] }),
    ]);
    expect(run.stderrLines.filter((l) => l.startsWith('aeo:'))).toEqual([]);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({
      version: 1,
      id: null,
      kind: 'SITE',
      url: `${bad.origin}/`,
      status: 'SUCCEEDED',
      score: inProcess.score,
      grade: inProcess.grade,
      error: null,
      site: expect.any(Object),
      visibility: null,
      project: null,
    });
    expect(typeof doc.score).toBe('number');
    expect(doc.score).toBeLessThan(90);
    expect(doc.findings.map((f: any) => f.checkId)).toEqual(inProcess.findings.map((f) => f.checkId));
    expect(doc.categories).toEqual(inProcess.categories);
    expect(Date.parse(doc.finishedAt)).toBeGreaterThanOrEqual(Date.parse(doc.createdAt));
    // Progress went to stderr as plain lines (no TTY here), never to stdout.
    // robots.txt is read before any page.
    expect(run.stderrLines[0]).toMatch(/^\[ {2}0%\] Reading robots.txt /);
    expect(run.stderrLines.every((l) => /^\[ *\d+%\] /.test(l))).toBe(true);
  });

  it('--fail-under 101 exits 2; --format md prints Markdown', async () => {
    const run = await runAeo([
      'site',
      `${good.origin}/`,
      ...ALLOW,
      '--fail-under',
      '101',
      '--format',
      'md',
      '-q',
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout.split('\n')[0]).toMatch(/^# AEO site audit: \d+\/100 \(grade [A-F]\)$/);
    expect(run.stdout).toContain('## Categories');
    expect(run.stdout).toMatch(/\n\| Category \| Score \| Weight \|\n\| --- \| ---: \| ---: \|\n/);
    expect(run.stderrLines).toEqual([
      expect.stringMatching(/^aeo: score \d+(?:\.\d+)? is below --fail-under 101$/),
    ]);
  });

  it('--fail-under 0 exits 0; --out writes the file and leaves stdout empty; exits promptly', async () => {
    const file = join(dir, 'report.html');
    const run = await runAeo([
      'site',
      `${good.origin}/`,
      '--max-pages',
      '3',
      ...ALLOW,
      '--fail-under',
      '0',
      '--out',
      file,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderrLines.at(-1)).toBe(`aeo: html report written to ${file}`);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<h2>Pages crawled (3)</h2>');
    // The analysis pool's idle threads (30 s) must not hold the process.
    expect(run.ms).toBeLessThan(20_000);
  });

  it('the default text format is a readable summary', async () => {
    const run = await runAeo(['site', `${good.origin}/`, '--max-pages', '2', ...ALLOW, '--quiet']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      /^AEO site audit of http:\/\/127\.0\.0\.1:\d+\/\nScore: \d+\/100 \(grade [A-F]\)\n/,
    );
    expect(run.stdout).toMatch(/\n {2}Basics +\d+ {2}[█░]{20}\n/);
    expect(run.stdout).toContain('trust.https');
  });

  it('an unreachable site exits 1 with one line on stderr', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const url = `http://127.0.0.1:${port}/`;
    const quiet = await runAeo(['site', url, ...ALLOW, '-q']);
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderrLines).toHaveLength(1);
    expect(quiet.stderrLines[0]).toMatch(
      new RegExp(`^aeo: ${url.replace(/[.]/g, '\\.')} cannot be audited: .+`),
    );
    // With progress on, the error is still one line, the last.
    const noisy = await runAeo(['site', url, ...ALLOW]);
    expect(noisy.code).toBe(1);
    expect(noisy.stderrLines.filter((l) => l.startsWith('aeo:'))).toEqual([quiet.stderrLines[0]]);
    expect(noisy.stderrLines.at(-1)).toBe(quiet.stderrLines[0]);
  });

  it('a private address without --allow-private exits 1 and says what to do', async () => {
    const run = await runAeo(['site', `${good.origin}/`, '-q']);
    expect(run.code).toBe(1);
    expect(run.stderrLines).toEqual([
      expect.stringMatching(/^aeo: .*non-public address.*AUDIT_ALLOWED_PRIVATE_HOSTS/),
    ]);
  });

  it.each([
    [['site', 'https://example.com', '--bogus'], /^aeo: unknown option '--bogus'/],
    [
      ['site', 'https://example.com', '--max-pages', 'ten'],
      /^aeo: option '--max-pages <n>' argument 'ten' is invalid/,
    ],
    [
      ['site', 'https://example.com', '--format', 'pdf'],
      /^aeo: option '--format <format>' argument 'pdf' is invalid/,
    ],
    [
      ['site', 'https://example.com', '--fail-under', 'high'],
      /^aeo: option '--fail-under <score>' argument 'high'/,
    ],
    [['site', 'https://example.com', '--allow-private', 'http://x/'], /not a URL/],
    [['site'], /^aeo: missing required argument 'url'/],
    [['sight', 'https://example.com'], /^aeo: unknown command 'sight'/],
    [[], /^aeo: a command is required/],
    [['visibility', '--prompt', 'x'], /^aeo: required option '--brand <name>' not specified/],
  ])('bad arguments %j exit 1 with one line', async (args, message) => {
    const run = await runAeo(args);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderrLines).toEqual([expect.stringMatching(message)]);
  });

  it('--help and --version exit 0 on stdout', async () => {
    const help = await runAeo(['site', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['--max-pages', '--format', '--out', '--fail-under', '--allow-private']) {
      expect(help.stdout).toContain(flag);
    }
    const version = await runAeo(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(
      (
        JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
          version: string;
        }
      ).version,
    );
  });
});

describe('aeo visibility', () => {
  let server: ReturnType<typeof createServer>;
  let baseUrl: string;
  const authorizations: (string | undefined)[] = [];
  let dir: string;

  beforeAll(async () => {
    // An OpenAI-compatible endpoint: mentions the brand for prompts about audits, not otherwise.
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        authorizations.push(req.headers.authorization);
        const prompt = (JSON.parse(body) as { messages: { content: string }[] }).messages[0]!.content;
        const content = prompt.includes('audit')
          ? 'Acme is the best audit tool, ahead of Rival. See https://acme.example/tools.'
          : 'Rival is popular. See https://rival.example/.';
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            choices: [{ message: { role: 'assistant', content } }],
            usage: { prompt_tokens: 10, completion_tokens: 20 },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
    dir = mkdtempSync(join(tmpdir(), 'aeo-vis-'));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('asks the engines configured from the environment (with *_FILE secrets) and prints the document', async () => {
    const keyFile = join(dir, 'key');
    writeFileSync(keyFile, 'secret-from-file\n');
    const run = await runAeo(
      [
        'visibility',
        '--brand',
        'Acme',
        '--domain',
        'acme.example',
        '--prompt',
        'best audit tool?',
        '--prompt',
        'best crm?',
        '--competitor',
        'Rival',
        '--engine',
        'openai-compatible',
        '--format',
        'json',
        '-q',
      ],
      {
        OPENAI_COMPATIBLE_BASE_URL: baseUrl,
        OPENAI_COMPATIBLE_MODEL: 'local-model',
        OPENAI_COMPATIBLE_API_KEY_FILE: keyFile,
      },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(doc).toMatchObject({ kind: 'VISIBILITY', url: 'https://acme.example/', site: null, id: null });
    expect(typeof doc.score).toBe('number');
    expect(doc.grade).toMatch(/^[A-F]$/);
    expect(doc.visibility.answers).toHaveLength(2);
    expect(doc.visibility.visibility.overall.mentionRate).toMatchObject({ value: 0.5, n: 2 });
    expect(doc.visibility.usage[0]).toMatchObject({
      engine: 'openai-compatible',
      model: 'local-model',
      answers: 2,
    });
    expect(authorizations).toEqual(['Bearer secret-from-file', 'Bearer secret-from-file']);
  });

  it('no configured engine exits 1 with one line naming what to set', async () => {
    const run = await runAeo([
      'visibility',
      '--brand',
      'Acme',
      '--domain',
      'acme.example',
      '--prompt',
      'x',
      '-q',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderrLines).toEqual([
      expect.stringMatching(/^aeo: No answer engine is configured: set one of OPENAI_API_KEY/),
    ]);
  });
});
