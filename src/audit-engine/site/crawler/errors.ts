import { SafeFetchError } from '../../net/safe-fetch.js';

/** One-line, user-readable reason a fetch failed. */
export function describeError(err: unknown): string {
  if (err instanceof SafeFetchError) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}
