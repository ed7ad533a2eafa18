// `@rateLimit(window: "15m")` durations, in graphql-rate-limit's notation.

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

const WINDOW = /^(\d+(?:\.\d+)?) ?([a-z]+)$/i;

/**
 * "500ms", "1s", "60s", "15m", "1h", "1d" (also "1.5h", "2 days") → milliseconds. The unit is
 * required: a bare "60" is ambiguous (graphql-rate-limit would read 60 ms).
 */
export function parseWindow(window: string): number {
  const match = WINDOW.exec(window.trim());
  const unit = match ? UNIT_MS[match[2]!.toLowerCase()] : undefined;
  const ms = match && unit ? Math.round(Number(match[1]) * unit) : NaN;
  if (!Number.isSafeInteger(ms) || ms < 1) {
    throw new RangeError(
      `Invalid rate-limit window "${window}": use a number and a unit, e.g. "60s", "15m", "1h"`,
    );
  }
  return ms;
}
