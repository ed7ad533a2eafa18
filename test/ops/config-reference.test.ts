// docs/configuration.md is what the schema and .env.example generate, and neither can gain a
// variable the other lacks.
import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  CONFIG_REFERENCE_FILE,
  formattedConfigReference,
  renderConfigReference,
} from '../../src/config-reference.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFile(`${root}${file}`, 'utf8');

describe('the configuration reference', () => {
  it('is committed as generated (run `npm run docs:config` after changing a setting)', async () => {
    const generated = await formattedConfigReference(await read('.env.example'));
    expect(await read(CONFIG_REFERENCE_FILE)).toBe(generated);
  });

  it('lists every variable with its default and bounds from the schema', async () => {
    const page = await read(CONFIG_REFERENCE_FILE);
    expect(page).toMatch(/\| `WEBHOOK_MAX_ATTEMPTS` +\| `6` +\| integer 1–20 +\|/);
    expect(page).toMatch(/\| `JWT_SECRET` _secret_ +\|/);
    expect(page).toMatch(/\| `SENTRY_RELEASE` +\|/);
    expect(page).toMatch(/\| `OPENAI_API_KEY` _secret_ +\| +\| text +\| \(read by the answer engines\) +\|/);
  });

  it('refuses a schema variable that .env.example does not document', async () => {
    const example = (await read('.env.example')).replace(/^WEBHOOK_DISABLE_AFTER=.*$/m, '');
    expect(() => renderConfigReference(example)).toThrow(
      'Not documented in .env.example (add each with a comment): WEBHOOK_DISABLE_AFTER',
    );
  });

  it('refuses a documented variable that nothing reads', async () => {
    const example = `${await read('.env.example')}\nNO_SUCH_SETTING=1  # a leftover\n`;
    expect(() => renderConfigReference(example)).toThrow(
      '.env.example documents NO_SUCH_SETTING, which nothing reads',
    );
  });
});
