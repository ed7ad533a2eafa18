// Loaded with `node --import` before the app so Sentry can instrument modules as they load.
// Reads SENTRY_* (SENTRY_DSN also as SENTRY_DSN_FILE) itself: the config module is not loaded yet.
// First, before Sentry or the app load: a clear message on a Node.js that is too old.
import '#node-version-check';
import { existsSync, readFileSync } from 'node:fs';
import { initSentry } from './infra/sentry.js';

const dsnFile = process.env.SENTRY_DSN_FILE;
const dsn = (process.env.SENTRY_DSN || (dsnFile ? readFileSync(dsnFile, 'utf8') : '')).trim();

/** `aeo-audit-api@<version>` from package.json: two folders up from dist/src/, one from src/. */
function defaultRelease(): string {
  for (const relative of ['../package.json', '../../package.json']) {
    const file = new URL(relative, import.meta.url);
    if (!existsSync(file)) continue;
    const { name, version } = JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string };
    return `${name}@${version}`;
  }
  return 'aeo-audit-api@unknown';
}

if (dsn) {
  initSentry({
    dsn,
    release: process.env.SENTRY_RELEASE || defaultRelease(),
    environment: process.env.SENTRY_ENVIRONMENT || process.env.NODE_ENV || 'development',
    tracesSampleRate: Number(process.env.SENTRY_TRACES_SAMPLE_RATE || 0),
  });
}
