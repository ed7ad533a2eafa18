// The GraphQL IDE in a real browser (headless Chromium through playwright-core), against a real
// server: it loads offline (nothing but our own origin), opens the example tabs, signs in through
// the Sign in panel (token into the headers, renewed before it expires), runs a query as the
// signed-in user, shows a subscription refused for a bad token as a message without a stack,
// and leaves no credential in the browser's storage: not in the history, the favorites or the
// tabs (headers), nor the password and tokens of the Login example (variables, response). Without Chromium the suite is skipped, except under
// CI, where it fails. Screenshots go to artifacts/.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { register, TEST_PASSWORD } from '../helpers/accounts.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { EXAMPLE_OPERATIONS } from '../../src/server/example-operations.js';
import { ARTIFACTS, browserSuite, launchChromium } from '../helpers/chromium.js';

const suite = browserSuite('the GraphQL IDE');

// Access tokens live 64 s, so the IDE renews them (60 s ahead of expiry) within seconds.
const TOKEN_TTL_SECONDS = 64;

/** What the page script sees of a CodeMirror editor (the tests have no DOM types). */
interface CodeMirrorHost {
  CodeMirror?: { getValue(): string; setValue(value: string): void };
}
type PageGlobals = { document: { querySelector(selector: string): CodeMirrorHost | null } };

/** The text of a CodeMirror editor of the page, by a CSS selector of its container. */
const editorValue = (page: Page, selector: string) =>
  page.evaluate(
    (css) =>
      (globalThis as unknown as PageGlobals).document
        .querySelector(`${css} .CodeMirror`)
        ?.CodeMirror?.getValue() ?? null,
    selector,
  );

const setEditorValue = (page: Page, selector: string, value: string) =>
  page.evaluate(
    ([css, text]) => {
      const host = (globalThis as unknown as PageGlobals).document.querySelector(`${css} .CodeMirror`);
      if (!host?.CodeMirror) throw new Error(`no editor at ${css}`);
      host.CodeMirror.setValue(text);
    },
    [selector, value] as const,
  );

/** Calls `read` until `check` passes (at most `timeout` ms), then returns what it read. */
async function poll<T>(read: () => Promise<T>, check: (value: T) => void, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return value;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const HEADERS = '.graphiql-editor-tool .graphiql-editor:not(.hidden)';
const QUERY = '.graphiql-query-editor';
const RESULT = '.result-window';

async function showHeaders(page: Page): Promise<void> {
  await page.locator('.graphiql-editor-tools button[data-name="headers"]').click();
  await page.waitForSelector(`${HEADERS} .CodeMirror`);
}

/** Runs the open tab and waits for a response containing `expected`. */
async function run(page: Page, expected: string | RegExp): Promise<string> {
  await page.locator('.graphiql-execute-button').click();
  return poll(
    async () => (await editorValue(page, RESULT)) ?? '',
    (value) => expect(value).toMatch(expected),
  );
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.locator('.graphiql-tab-button', { hasText: new RegExp(`^${name}$`) }).click();
  await poll(
    () => editorValue(page, QUERY),
    (value) => expect(value).toContain(` ${name}`),
  );
}

suite('GraphQL IDE in Chromium', () => {
  let server: TestServer;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const foreignRequests: string[] = [];
  const pageErrors: string[] = [];
  let email: string;

  beforeAll(async () => {
    server = await startTestServer({
      runWorker: false,
      env: { ACCESS_TOKEN_TTL_SECONDS: String(TOKEN_TTL_SECONDS) },
    });
    origin = new URL(server.url).origin;
    email = (await register(server)).user.email;
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    page.on('request', (request) => {
      if (!request.url().startsWith(origin) && !request.url().startsWith(origin.replace('http', 'ws'))) {
        foreignRequests.push(request.url());
      }
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/graphql`);
    await page.waitForSelector('.graphiql-container');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads from our origin only and opens a tab per example operation', async () => {
    const tabs = await page.locator('.graphiql-tab-button').allTextContents();
    expect(tabs.map((tab) => tab.trim())).toEqual(EXAMPLE_OPERATIONS.map((example) => example.name));
    await openTab(page, 'Projects');
    expect(await editorValue(page, '.graphiql-editor-tool .graphiql-editor:not(.hidden)')).toContain(
      '"first": 10',
    );
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('shows the access line of a field in the docs pane', async () => {
    await page.locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]').click();
    await page
      .locator('.graphiql-doc-explorer a', { hasText: /^Query$/ })
      .first()
      .click();
    await page
      .locator('.graphiql-doc-explorer a.graphiql-doc-explorer-field-name', { hasText: /^audit$/ })
      .first()
      .click();
    await poll(
      () => page.locator('.graphiql-doc-explorer-content').innerText(),
      (value) =>
        expect(value).toMatch(
          /Access: signed in, workspace role VIEWER or higher; or an API key with scope audits:read\./,
        ),
    );
    await page.locator('.graphiql-sidebar button[aria-label="Hide Documentation Explorer"]').click();
  });

  it('signs in from the Sign in panel and runs a query as that user', async () => {
    await openTab(page, 'Viewer');
    expect(await run(page, /"viewer": null/)).toContain('"viewer": null');

    await page.locator('.graphiql-sidebar button[aria-label="Show Sign in"]').click();
    await page.locator('.aeo-ide-panel input[name="email"]').fill(email);
    await page.locator('.aeo-ide-panel input[name="password"]').fill('not the password');
    await page.locator('.aeo-ide-panel button[type="submit"]').click();
    await poll(
      () => page.locator('.aeo-ide-panel [role="alert"]').innerText(),
      (value) => expect(value).toMatch(/UNAUTHENTICATED/),
    );

    await page.locator('.aeo-ide-panel input[name="password"]').fill(TEST_PASSWORD);
    await page.locator('.aeo-ide-panel button[type="submit"]').click();
    await poll(
      () => page.locator('.aeo-ide-panel').innerText(),
      (value) => expect(value).toContain(`As ${email}`),
    );

    await showHeaders(page);
    const headers = JSON.parse((await editorValue(page, HEADERS))!) as Record<string, string>;
    expect(headers.authorization).toMatch(/^Bearer eyJ/);
    expect(await run(page, /"email"/)).toContain(`"email": "${email}"`);
    await page.screenshot({ path: `${ARTIFACTS}graphql-ide-signed-in.png` });
  });

  it('renews the access token before it expires and keeps using the new one', async () => {
    const before = (await editorValue(page, HEADERS))!;
    await poll(
      async () => (await editorValue(page, HEADERS)) !== before,
      (value) => expect(value).toBe(true),
      20_000,
    );
    const after = JSON.parse((await editorValue(page, HEADERS))!) as Record<string, string>;
    expect(after.authorization).toMatch(/^Bearer eyJ/);
    await setEditorValue(page, RESULT, '');
    expect(await run(page, /"email"/)).toContain(`"email": "${email}"`);
  }, 30_000);

  it('runs a subscription as the signed-in user, and shows one refused for a bad token as a message, without a stack', async () => {
    await openTab(page, 'AuditProgress');
    // Signed in, the session's token reaches the WebSocket: an unknown audit is NOT_FOUND.
    const unknown = Buffer.from(`Audit:${randomUUID()}`).toString('base64url');
    await page.locator('.graphiql-editor-tools button[data-name="variables"]').click();
    await setEditorValue(
      page,
      '.graphiql-editor-tool .graphiql-editor:not(.hidden)',
      JSON.stringify({ id: unknown }),
    );
    expect(await run(page, /"errors"/)).toContain('"code": "NOT_FOUND"');
    await showHeaders(page);
    await setEditorValue(page, HEADERS, '{ "authorization": "Bearer not-a-valid-token" }');
    const result = await run(page, /Subscription stopped/);
    const response = JSON.parse(result) as {
      errors: { message: string; extensions: Record<string, unknown> }[];
    };
    expect(response.errors[0]!.message).toMatch(/refused the credential/);
    expect(response.errors[0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', closeCode: 4401 });
    expect(result).not.toMatch(/stack|\bat .*\.js:\d+/);
    await page.screenshot({ path: `${ARTIFACTS}graphql-ide-refused-subscription.png` });
  });

  it('stars history entries run with an authorization header without storing the header', async () => {
    await page.locator('.graphiql-sidebar button[aria-label="Show History"]').click();
    const add = page.locator('.graphiql-history-item button[aria-label="Add favorite"]');
    await add.first().waitFor();
    // Every entry so far ran with a header: the session's token, or "Bearer not-a-valid-token".
    for (let left = 20; left > 0 && (await add.count()) > 0; left--) await add.first().click();
    expect(await add.count()).toBe(0);
    const favorites = JSON.parse(
      (await page.evaluate(() => localStorage.getItem('graphiql:favorites'))) ?? '{}',
    ) as { favorites?: { query: string; headers?: unknown }[] };
    expect(favorites.favorites?.map((entry) => entry.query).join('\n')).toMatch(/query Viewer/);
    expect(favorites.favorites?.every((entry) => entry.headers === undefined)).toBe(true);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).not.toMatch(/Bearer ey|eyJ|not-a-valid-token/);
    await page.locator('.graphiql-sidebar button[aria-label="Hide History"]').click();
  });

  it('runs the Login example without keeping its password or tokens in the browser storage', async () => {
    await openTab(page, 'Login');
    await page.locator('.graphiql-editor-tools button[data-name="variables"]').click();
    await setEditorValue(
      page,
      HEADERS,
      JSON.stringify({ input: { email, password: TEST_PASSWORD } }, null, 2),
    );
    const result = JSON.parse(await run(page, /"refreshToken"/)) as {
      data: { login: { accessToken: string; refreshToken: string } };
    };
    const { accessToken, refreshToken } = result.data.login;
    // GraphiQL stores the history at once, the editors and tabs 500 ms after a change.
    await poll(
      () => page.evaluate(() => localStorage.getItem('graphiql:queries') ?? ''),
      (value) => expect(value).toContain('mutation Login'),
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const local = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    const session = await page.evaluate(() => JSON.stringify({ ...sessionStorage }));
    expect(local).toContain('mutation Login');
    for (const secret of [TEST_PASSWORD, accessToken, refreshToken]) {
      expect(local).not.toContain(secret);
      expect(session).not.toContain(secret);
    }
    expect(local).not.toMatch(/eyJ/);
  });

  it('keeps no query that writes a password into a credential call', async () => {
    await openTab(page, 'Login');
    const inline = `mutation InlineLogin {
  login(input: { email: "${email}", password: "${TEST_PASSWORD}" }) { accessToken }
}`;
    await setEditorValue(page, QUERY, inline);
    await poll(
      () => editorValue(page, QUERY),
      (value) => expect(value).toContain('InlineLogin'),
    );
    await run(page, /"accessToken"/);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const local = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(local).toContain('graphiql:tabState');
    expect(local).not.toContain(TEST_PASSWORD);
    expect(local).not.toContain('login(input: {');
    // The tab stays (its title, say), without its query.
    const tabs = JSON.parse(
      (await page.evaluate(() => localStorage.getItem('graphiql:tabState'))) ?? '{}',
    ) as { tabs: { query: string | null; operationName: string | null }[] };
    expect(tabs.tabs.find((tab) => tab.operationName === 'InlineLogin')?.query).toBeNull();
  });

  it('keeps no credential in localStorage and forgets the session on reload unless remembered', async () => {
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).toContain('graphiql:');
    expect(stored).not.toMatch(/Bearer ey|eyJ/);
    expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).not.toMatch(/eyJ/);
    await page.reload();
    await page.waitForSelector('.graphiql-container');
    await page.locator('.graphiql-sidebar button[aria-label="Show Sign in"]').click();
    await poll(
      () => page.locator('.aeo-ide-panel').innerText(),
      (value) => expect(value).toContain('Password'),
    );

    await page.locator('.aeo-ide-panel input[name="email"]').fill(email);
    await page.locator('.aeo-ide-panel input[name="password"]').fill(TEST_PASSWORD);
    await page.locator('.aeo-ide-panel input[name="remember"]').check();
    await page.locator('.aeo-ide-panel button[type="submit"]').click();
    await poll(
      () => page.locator('.aeo-ide-panel').innerText(),
      (value) => expect(value).toContain("Kept in this browser tab's sessionStorage"),
    );
    expect(await page.evaluate(() => sessionStorage.getItem('aeo-ide:session'))).toMatch(/refreshToken/);
    await page.reload();
    await page.waitForSelector('.graphiql-container');
    await page.locator('.graphiql-sidebar button[aria-label="Show Sign in"]').click();
    await poll(
      () => page.locator('.aeo-ide-panel').innerText(),
      (value) => expect(value).toContain(`As ${email}`),
    );

    await page.locator('.aeo-ide-panel button', { hasText: 'Sign out' }).click();
    expect(await page.evaluate(() => sessionStorage.getItem('aeo-ide:session'))).toBeNull();
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
