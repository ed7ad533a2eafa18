// The OpenTelemetry variables src/instrument.ts reads before configuration loads, for the
// configuration reference (npm run docs:config). Kept apart from tracing.ts, which loads the SDK.
/** The standard variables read (the exporter reads its other OTEL_EXPORTER_OTLP_* itself). */
export const TRACING_SETTINGS = {
  OTEL_EXPORTER_OTLP_ENDPOINT:
    'OTLP/HTTP collector base URL (`/v1/traces` is appended), e.g. `http://otel-collector:4318`; empty = tracing off.',
  OTEL_EXPORTER_OTLP_HEADERS: 'Headers sent with every export, `key=value,key2=value2` (a collector token).',
  OTEL_SERVICE_NAME: 'The `service.name` spans carry; default `aeo-audit-api`.',
  OTEL_TRACES_SAMPLER:
    'Which traces are recorded: `parentbased_always_on` (default), `parentbased_traceidratio`, `traceidratio`, `always_on`, `always_off`, `parentbased_always_off`.',
  OTEL_TRACES_SAMPLER_ARG: 'The ratio (0 to 1) of the `*traceidratio` samplers; default 1.',
  OTEL_BSP_SCHEDULE_DELAY: 'Milliseconds between two exports of buffered spans; default 5000.',
} as const;
