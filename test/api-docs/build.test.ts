// `npm run docs` builds: SpectaQL renders the schema from code into a temporary folder, with the
// access line of each field, the intro pages (authentication and scopes, examples, error codes,
// webhooks, report formats) and no asset from elsewhere.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApiDocs } from '../../src/api-docs/build-api-docs.js';
import { ERROR_CODES } from '../../src/common/errors.js';
import { EXAMPLE_OPERATIONS } from '../../src/server/example-operations.js';

describe('the static API docs', () => {
  let dir: string;
  let html: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'api-docs-test-'));
    await buildApiDocs({ outDir: path.join(dir, 'site'), serverUrl: 'https://api.example.com/graphql' });
    html = await readFile(path.join(dir, 'site', 'index.html'), 'utf8');
  }, 240_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes a site of its own files only', async () => {
    expect((await readdir(path.join(dir, 'site'))).sort()).toEqual([
      'index.html',
      'javascripts',
      'stylesheets',
    ]);
    const assets = [...html.matchAll(/<(?:script|link)\b[^>]*(?:src|href)="([^"]+)"/g)].map(
      (match) => match[1]!,
    );
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(asset).not.toMatch(/^(https?:)?\/\//);
  });

  it('shows every field with its access line', () => {
    const audit = html.slice(html.indexOf('id="query-audit"'), html.indexOf('id="query-audits"'));
    expect(audit).toContain('One audit');
    expect(audit).toMatch(
      /Access: signed in, workspace role VIEWER or higher; or an API key with scope <code>audits:read<\/code>\./,
    );
    const createApiKey = html.slice(html.indexOf('id="mutation-createApiKey"'));
    expect(createApiKey).toMatch(/Access: signed in, workspace role ADMIN or higher; API keys are refused\./);
    expect(html).toMatch(/id="mutation-login"[\s\S]*?Access: public, no sign-in needed\./);
  });

  it('opens with authentication, scopes, runnable examples, error codes, webhooks and reports', () => {
    for (const title of ['Authentication and API keys', 'Examples', 'Errors', 'Webhooks', 'Report formats']) {
      expect(html).toContain(`<h2 class="introduction-item-title">${title}</h2>`);
    }
    expect(html).toContain('<code>audits:write</code>');
    expect(html).toContain('refreshSession');
    for (const example of EXAMPLE_OPERATIONS)
      expect(html).toContain(`<h3 id="${example.name.toLowerCase()}">`);
    expect(html).toContain('curl -s https://api.example.com/graphql');
    for (const code of ERROR_CODES) expect(html).toContain(`<code>${code}</code>`);
    expect(html).toContain('audit.succeeded');
    expect(html).toContain('result document');
  });
});
