// Types of scenarios.mjs for the TypeScript runner.
export type Scenario = 'dashboard' | 'floor';
export type Dialect = 'api' | 'postgraphile' | 'bare';
export type Verdict = 'ok' | 'graphql-error' | 'mismatch';

export interface AuditInput {
  id: string;
  url: string;
  kind: string;
  status: string;
  score: number | null;
  grade: string | null;
  createdAt: string | Date;
  owner: { id: string; email: string };
  findings: { totalCount: number; items: { id: string; severity: string; title: string }[] };
}

export const QUERIES: Record<Scenario, Record<Dialect, string>>;
export const FINDINGS_PER_AUDIT_IN_QUERY: number;
export function rawId(id: string): string;
export function canonicalAudit(audit: AuditInput): AuditInput;
export function judge(scenario: Scenario, dialect: Dialect, body: string, expectedJson: string): Verdict;
