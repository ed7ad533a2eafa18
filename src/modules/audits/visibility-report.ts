// The stored `details.visibility` of a VISIBILITY audit as the API shows it: rows stored before a
// list existed (competitors, citedDomains …) read as empty lists, never as errors on non-null fields.
import type { VisibilityReport } from '../../audit-engine/visibility/index.js';

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

export function visibilityReportOf(
  details: Record<string, unknown> | null,
): Required<VisibilityReport> | null {
  const stored = details?.visibility as Partial<VisibilityReport> | undefined;
  if (!stored?.overall) return null;
  return {
    ...stored,
    overall: stored.overall,
    engines: list(stored.engines),
    competitors: list(stored.competitors),
    citedDomains: list(stored.citedDomains),
    samples: stored.samples ?? 1,
    prompts: list(stored.prompts),
    locale: stored.locale ?? null,
    facts: list(stored.facts),
  };
}
