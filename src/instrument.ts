// Loaded with `node --import` before the app so Sentry and OpenTelemetry can instrument modules
// as they load. Reads SENTRY_* (SENTRY_DSN also as SENTRY_DSN_FILE) and OTEL_* itself: the
// config module is not loaded yet.
// First, before Sentry or the app load: a clear message on a Node.js that is too old.
import '#node-version-check';
import { existsSync, readFileSync } from 'node:fs';
import module from 'node:module';
import { initSentry } from './infra/sentry.js';

const dsnFile = process.env.SENTRY_DSN_FILE;
const dsn = (process.env.SENTRY_DSN || (dsnFile ? readFileSync(dsnFile, 'utf8') : '')).trim();

/** name and version from package.json: two folders up from dist/src/, one from src/. */
function packageInfo(): { name: string; version: string } {
  for (const relative of ['../package.json', '../../package.json']) {
    const file = new URL(relative, import.meta.url);
    if (!existsSync(file)) continue;
    return JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string };
  }
  return { name: 'aeo-audit-api', version: 'unknown' };
}

// Tracing only when a collector is named: otherwise the SDK is not even loaded (nothing patched).
const tracing = Boolean(process.env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim());
if (tracing) {
  const { TracingConfigError, startTracing, tracingSettings } = await import('./infra/tracing.js');
  try {
    const settings = tracingSettings(process.env, packageInfo().version);
    // ESM imports of the instrumented packages pass through import-in-the-middle (in-thread
    // module hooks; the loader thread on a Node.js 24 before 24.11.1); CommonJS requires
    // through require-in-the-middle, set up by the SDK.
    const include = ['pg', 'pg-pool', 'ioredis'];
    const { register, supportsSyncHooks } = await import('import-in-the-middle/register-hooks.mjs');
    if (supportsSyncHooks()) register({ include });
    else module.register('import-in-the-middle/hook.mjs', import.meta.url, { data: { include } });
    if (settings) startTracing(settings);
  } catch (error) {
    if (!(error instanceof TracingConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(1);
  }
}

if (dsn) {
  const { name, version } = packageInfo();
  // One tracing pipeline: with OpenTelemetry on, Sentry traces nothing (its SDK would read the
  // variable itself if it stayed set).
  if (tracing && process.env.SENTRY_TRACES_SAMPLE_RATE) {
    console.warn('SENTRY_TRACES_SAMPLE_RATE is ignored while OTEL_EXPORTER_OTLP_ENDPOINT is set');
    delete process.env.SENTRY_TRACES_SAMPLE_RATE;
  }
  initSentry({
    dsn,
    release: process.env.SENTRY_RELEASE || `${name}@${version}`,
    environment: process.env.SENTRY_ENVIRONMENT || process.env.NODE_ENV || 'development',
    tracesSampleRate: tracing ? undefined : Number(process.env.SENTRY_TRACES_SAMPLE_RATE || 0),
    openTelemetry: tracing,
  });
}
