// Loaded with `node --import` before the app so Sentry can instrument modules as they load.
// Reads SENTRY_DSN (or SENTRY_DSN_FILE) itself: the config module is not loaded yet.
// First, before Sentry or the app load: a clear message on a Node.js that is too old.
import '#node-version-check';
import { readFileSync } from 'node:fs';
import * as Sentry from '@sentry/node';

const dsnFile = process.env.SENTRY_DSN_FILE;
const dsn = (process.env.SENTRY_DSN || (dsnFile ? readFileSync(dsnFile, 'utf8') : '')).trim();
if (dsn) {
  Sentry.init({
    dsn,
    environment: process.env.NODE_ENV ?? 'development',
    tracesSampleRate: Number(process.env.SENTRY_TRACES_SAMPLE_RATE ?? 0),
  });
}
