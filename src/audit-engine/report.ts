// The shape every audit engine returns. Pure data: no GraphQL, no ORM, so the job layer
// stores it and the API reads it back without knowing which engine produced it.

export type Severity = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFO';

export interface ReportFinding {
  /** Stable identifier of the check that produced the finding, e.g. `robots.ai-search-blocked`. */
  checkId: string;
  category: string;
  severity: Severity;
  title: string;
  /** What was seen, with the evidence (exact values, counts). */
  detail: string;
  /** What to do about it, concretely. */
  recommendation: string;
  /** Pages (or other URLs) the finding is about; empty for site-wide findings without a page. */
  urls: string[];
  /** Points of the overall score this finding costs; findings are sorted by it, descending. */
  pointsLost: number;
}

export interface CategoryScore {
  category: string;
  /** 0..100; 0 when not applicable. */
  score: number;
  /** Share of the overall score; the weights of one report sum to 1 (0 when not applicable). */
  weight: number;
  /** False when nothing in the category could be judged (it then does not count). */
  applicable: boolean;
  /** Why the category is not applicable, e.g. "no page has 150 words of text". */
  reason?: string;
}

export interface AuditReport {
  /** 0..100 */
  score: number;
  grade: Grade;
  categories: CategoryScore[];
  findings: ReportFinding[];
  /** Engine-specific details (pages crawled, visibility metrics …), stored as JSON. */
  details?: Record<string, unknown>;
}

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

export interface ProgressUpdate {
  /** 0..1, never decreasing within one run. */
  progress: number;
  /** Short human-readable stage, e.g. "Crawling pages". */
  stage: string;
  /** Optional detail, e.g. the page just fetched. */
  message?: string;
}

export type ProgressCallback = (update: ProgressUpdate) => void;

/** Grade bands shared by every audit kind (school scale): A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60, else F. */
export function gradeFor(score: number): Grade {
  if (score >= 90) return 'A';
  if (score >= 80) return 'B';
  if (score >= 70) return 'C';
  if (score >= 60) return 'D';
  return 'F';
}

/** Thrown by engines for failures a user can act on (unreachable site, invalid input). */
export class AuditInputError extends Error {
  override name = 'AuditInputError';
  constructor(
    message: string,
    /**
     * What the engine learnt before it stopped, stored with the failure as the audit's details
     * (e.g. a SITE audit blocked by robots.txt: what robots.txt says for each AI crawler).
     */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
