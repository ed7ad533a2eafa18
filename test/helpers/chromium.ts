// Headless Debian Chromium for the browser tests, driven by playwright-core. Without Chromium a
// browser suite is skipped (with a warning saying how to get it), except under CI, where it fails.
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe } from '@jest/globals';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots of the browser tests (gitignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));

const available = existsSync(CHROMIUM);
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';

/** `describe` when Chromium is there or CI requires it, else `describe.skip` after a warning naming `what`. */
export function browserSuite(what: string): typeof describe {
  if (available || inCi) return describe;
  console.warn(`Skipping the browser tests of ${what}: no Chromium at ${CHROMIUM} (set CHROMIUM_PATH).`);
  return describe.skip as typeof describe;
}

/** Launches headless Chromium (and makes sure artifacts/ exists); a clear error when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!available)
    throw new Error(`CI=true but Chromium is missing at ${CHROMIUM}: install it (apt-get install chromium)`);
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}
