// The example browser client (examples/browser-client) in headless Chromium against a real API:
// built and served by Vite, it signs in, creates a SITE audit of a local fixture site, shows its
// live progress from the auditProgress subscription and then the final score. Without Chromium
// the suite is skipped, except under CI, where it fails.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { startFixtureServer, type FixtureServer } from '../audit-engine/helpers/fixture-server.js';
import { goodSiteRoutes } from '../audit-engine/helpers/good-site.js';
import { getAudit } from '../audits/helpers.js';
import { register, TEST_PASSWORD, type Account } from '../helpers/accounts.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { ARTIFACTS, browserSuite, launchChromium } from '../helpers/chromium.js';

const ROOT = fileURLToPath(new URL('../../examples/browser-client/', import.meta.url));
const VITE = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url));
const suite = browserSuite('the example client');

/** A loopback port nothing listens on right now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Vite's own CLI in a child process: its bundler's native binding does not load inside Jest's
 * module sandbox. The production build, served by `vite preview` (what a deployment would serve).
 */
async function buildAndPreview(outDir: string): Promise<{ origin: string; process: ChildProcess }> {
  await promisify(execFile)(process.execPath, [
    VITE,
    'build',
    ROOT,
    '--outDir',
    outDir,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ]);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      VITE,
      'preview',
      ROOT,
      '--outDir',
      outDir,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited ${child.exitCode}: ${output}`);
    const ready = await fetch(origin).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { origin, process: child };
    if (Date.now() > deadline) throw new Error(`vite preview did not answer on ${origin}: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

suite('the example browser client in Chromium', () => {
  let outDir: string;
  let web: ChildProcess | undefined;
  let origin: string;
  let site: FixtureServer;
  let server: TestServer;
  let account: Account;
  let browser: Browser;

  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'aeo-browser-client-'));
    ({ origin, process: web } = await buildAndPreview(outDir));
    site = await startFixtureServer(goodSiteRoutes());
    server = await startTestServer({
      env: { AUDIT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1', CORS_ORIGINS: origin },
    });
    account = await register(server);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await site?.close();
    web?.kill();
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  /** A fresh page of the example, recording console errors, uncaught exceptions and HTTP errors. */
  async function open(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) errors.push(`HTTP ${response.status()} ${response.url()}`);
    });
    await page.goto(origin, { waitUntil: 'load' });
    return { page, errors, close: () => context.close() };
  }

  async function signIn(page: Page, password = TEST_PASSWORD) {
    await page.fill('#api-url', server.url);
    await page.fill('#email', account.user.email);
    await page.fill('#password', password);
    await page.click('#sign-in-button');
  }

  it('signs in, audits the fixture site, streams its progress and shows the final score', async () => {
    const { page, errors, close } = await open();
    try {
      await signIn(page);
      await page.locator('#viewer-email').waitFor({ state: 'visible' });
      expect(await page.locator('#viewer-email').innerText()).toBe(account.user.email);
      expect(await page.locator('#sign-in').isVisible()).toBe(false);

      await page.fill('#audit-url', site.origin);
      await page.fill('#max-pages', '10');
      await page.click('#create-audit-button');
      await page.locator('#audit').waitFor({ state: 'visible' });
      expect(await page.locator('#audited-url').innerText()).toBe(`${site.origin}/`);
      await page.locator('#result').waitFor({ state: 'visible', timeout: 90_000 });

      const statuses = await page
        .locator('#events li')
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-status')));
      expect(statuses.length).toBeGreaterThanOrEqual(3);
      expect(['QUEUED', 'RUNNING']).toContain(statuses[0]);
      expect(statuses).toContain('RUNNING');
      expect(statuses.at(-1)).toBe('SUCCEEDED');
      expect(Number(await page.locator('#progress').getAttribute('value'))).toBe(1);
      expect(await page.locator('#audit-error').innerText()).toBe('');

      // The score and grade shown are the API's.
      const listed = await server.gql(
        `{ audits(first: 1) { edges { node { id } } } }`,
        {},
        { token: account.accessToken },
      );
      const audit = await getAudit(server, account.accessToken, listed.data!.audits.edges[0].node.id);
      expect(audit).toMatchObject({ status: 'SUCCEEDED', url: `${site.origin}/` });
      expect(await page.locator('#score').innerText()).toBe(String(Math.round(audit!.score!)));
      expect(await page.locator('#grade').innerText()).toBe(audit!.grade);
      expect(await page.locator('#categories li').count()).toBeGreaterThanOrEqual(5);
      expect(await page.locator('#findings li').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await page.screenshot({ path: `${ARTIFACTS}browser-client.png`, fullPage: true });
    } finally {
      await close();
    }
  });

  it('says why signing in failed, with the error code', async () => {
    const { page, errors, close } = await open();
    try {
      await signIn(page, 'not the password at all');
      await page.locator('#sign-in-error').getByText('UNAUTHENTICATED').waitFor();
      expect(await page.locator('#signed-in').isVisible()).toBe(false);
      // The 200 with a GraphQL error is no console error; nothing else went wrong.
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
