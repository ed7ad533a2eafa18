// Findings as SARIF 2.1.0 (code scanning: GitHub, GitLab, Azure DevOps …). Rules come from the
// check catalogue; a finding whose check is not in it (VISIBILITY findings) gets a rule made from
// the finding itself, so every result's ruleId names a rule of the run.
import type { ReportFinding, Severity } from '../audit-engine/report.js';
import type { AuditResultDocument, CheckDefinition } from '../audit-engine/result.js';
import { categoryLabel } from './labels.js';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const TOOL_INFORMATION_URI = 'https://github.com/aeo-audit';

type Level = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): Level {
  if (severity === 'CRITICAL' || severity === 'HIGH') return 'error';
  if (severity === 'INFO') return 'note';
  return 'warning';
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown?: string };
  helpUri?: string;
  defaultConfiguration: { level: Level };
  properties: Record<string, unknown>;
}

/** "robots.ai-search-blocked" → "RobotsAiSearchBlocked" (SARIF names are identifier-like). */
function ruleName(checkId: string): string {
  return checkId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}

function catalogueRule(check: CheckDefinition): SarifRule {
  return {
    id: check.checkId,
    name: ruleName(check.checkId),
    shortDescription: { text: check.title },
    fullDescription: { text: check.description || check.title },
    help: {
      text: `${check.rationale}${check.source ? `\nSource: ${check.source}` : ''}`,
      markdown: `${check.rationale}${check.source ? `\n\nSource: <${check.source}>` : ''}`,
    },
    ...(check.source ? { helpUri: check.source } : {}),
    // A check's severity depends on what it finds; results carry their own level.
    defaultConfiguration: { level: 'warning' },
    properties: { category: check.category, weight: check.weight, tags: ['aeo', check.category] },
  };
}

/** A rule for a finding without a catalogue entry, from the first finding of that check. */
function findingRule(f: ReportFinding): SarifRule {
  return {
    id: f.checkId,
    name: ruleName(f.checkId),
    shortDescription: { text: f.title },
    fullDescription: { text: `${categoryLabel(f.category)}: ${f.title}` },
    help: { text: f.recommendation || f.title },
    defaultConfiguration: { level: sarifLevel(f.severity) },
    properties: { category: f.category, tags: ['aeo', f.category] },
  };
}

export function renderSarif(
  doc: AuditResultDocument,
  options: { checks: readonly CheckDefinition[]; toolVersion: string; generatedAt: Date },
): string {
  const rules: SarifRule[] = options.checks.map(catalogueRule);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  for (const f of doc.findings) {
    if (index.has(f.checkId)) continue;
    index.set(f.checkId, rules.length);
    rules.push(findingRule(f));
  }
  const results = doc.findings.map((f) => {
    const urls = f.urls.length > 0 ? f.urls : [doc.url];
    return {
      ruleId: f.checkId,
      ruleIndex: index.get(f.checkId)!,
      level: sarifLevel(f.severity),
      message: { text: `${f.title}: ${f.detail}\nFix: ${f.recommendation}` },
      locations: urls.map((uri) => ({ physicalLocation: { artifactLocation: { uri } } })),
      // Stable across runs, so code scanning tracks one finding instead of opening a new one.
      partialFingerprints: { 'aeoFinding/v1': `${f.checkId}|${urls[0]}` },
      properties: { severity: f.severity, pointsLost: f.pointsLost, category: f.category },
    };
  });
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aeo-audit',
            version: options.toolVersion,
            informationUri: TOOL_INFORMATION_URI,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: doc.status === 'SUCCEEDED',
            ...(doc.finishedAt ? { endTimeUtc: doc.finishedAt } : {}),
            startTimeUtc: doc.createdAt,
          },
        ],
        results,
        properties: {
          kind: doc.kind,
          url: doc.url,
          score: doc.score,
          grade: doc.grade,
          auditId: doc.id,
          generatedAt: options.generatedAt.toISOString(),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
