// Two audits of the same kind side by side: score and category deltas, findings new / resolved /
// persisting (matched by check and page, a page keeping its identity through redirects), and for
// VISIBILITY every proportion overall and per engine with a two-proportion test at 5%.
import { significantlyDifferent, type Estimate } from '../../audit-engine/visibility/stats.js';
import { applicableCategoryScore, type Audit } from './audit.entity.js';
import type { Finding } from './finding.entity.js';
import { PROPORTION_FIELDS, type TrendMetric } from './trend-metric.js';

export interface CategoryDelta {
  category: string;
  base: number | null;
  head: number | null;
  delta: number | null;
}

export interface MetricDelta {
  engine: string | null;
  metric: TrendMetric;
  base: Estimate | null;
  head: Estimate | null;
  delta: number | null;
  significant: boolean;
}

export interface AuditComparison {
  base: Audit;
  head: Audit;
  scoreDelta: number | null;
  categories: CategoryDelta[];
  newFindings: Finding[];
  resolvedFindings: Finding[];
  persistingFindings: Finding[];
  visibility: MetricDelta[];
  /** VISIBILITY: prompts with a brand mention in base and none in head (head answered them). */
  mentionLostPrompts: string[];
  /** VISIBILITY: prompts with a brand mention in head and none in base (base answered them). */
  mentionGainedPrompts: string[];
}

/** The proportions compared, with their field in the stored VisibilityMetrics. */
const PROPORTIONS = Object.entries(PROPORTION_FIELDS) as Array<[TrendMetric, string]>;

type Metrics = Record<string, Estimate | null | undefined>;
interface StoredVisibility {
  overall?: Metrics;
  engines?: Array<{ engine: string; metrics: Metrics }>;
}
interface StoredPage {
  url: string;
  finalUrl?: string;
}

const round = (value: number) => Math.round(value * 10) / 10;
const difference = (base: number | null | undefined, head: number | null | undefined) =>
  base === null || base === undefined || head === null || head === undefined ? null : round(head - base);

/** Pages that are one page: a URL and where it redirected, in either audit (union–find). */
function pageIdentity(...pageLists: StoredPage[][]): (url: string) => string {
  const parent = new Map<string, string>();
  const root = (url: string): string => {
    let at = url;
    while (parent.has(at) && parent.get(at) !== at) at = parent.get(at)!;
    return at;
  };
  for (const pages of pageLists) {
    for (const page of pages) {
      if (page.finalUrl && page.finalUrl !== page.url) parent.set(root(page.url), root(page.finalUrl));
    }
  }
  return root;
}

export function compareAudits(
  base: Audit,
  head: Audit,
  findings: { base: Finding[]; head: Finding[] },
  details: { base: Record<string, unknown> | null; head: Record<string, unknown> | null },
): AuditComparison {
  const categories = [...new Set([...base.categories, ...head.categories].map((c) => c.category))].map(
    (category) => {
      const before = applicableCategoryScore(base.categories, category);
      const after = applicableCategoryScore(head.categories, category);
      return { category, base: before, head: after, delta: difference(before, after) };
    },
  );
  const page = pageIdentity(
    (details.base?.pages as StoredPage[] | undefined) ?? [],
    (details.head?.pages as StoredPage[] | undefined) ?? [],
  );
  const key = (finding: Finding) => `${finding.checkId}|${finding.urls.length ? page(finding.urls[0]!) : ''}`;
  const baseKeys = new Set(findings.base.map(key));
  const headKeys = new Set(findings.head.map(key));
  return {
    base,
    head,
    scoreDelta: difference(base.score, head.score),
    categories,
    newFindings: findings.head.filter((f) => !baseKeys.has(key(f))),
    resolvedFindings: findings.base.filter((f) => !headKeys.has(key(f))),
    persistingFindings: findings.head.filter((f) => baseKeys.has(key(f))),
    visibility: visibilityDeltas(
      details.base?.visibility as StoredVisibility | undefined,
      details.head?.visibility as StoredVisibility | undefined,
    ),
    ...promptChanges(
      details.base?.answers as StoredAnswer[] | undefined,
      details.head?.answers as StoredAnswer[] | undefined,
    ),
  };
}

interface StoredAnswer {
  analysis?: { prompt: string; brandMentioned: boolean };
}

/** Per prompt: answered at all, and mentioned the brand in any answer (any engine, any sample). */
function promptMentions(answers: StoredAnswer[] = []): Map<string, boolean> {
  const mentions = new Map<string, boolean>();
  for (const { analysis } of answers) {
    if (!analysis) continue;
    mentions.set(analysis.prompt, (mentions.get(analysis.prompt) ?? false) || analysis.brandMentioned);
  }
  return mentions;
}

function promptChanges(base?: StoredAnswer[], head?: StoredAnswer[]) {
  const before = promptMentions(base);
  const after = promptMentions(head);
  const changed = (from: Map<string, boolean>, to: Map<string, boolean>) =>
    [...from]
      .filter(([prompt, mentioned]) => mentioned && to.get(prompt) === false)
      .map(([prompt]) => prompt);
  return { mentionLostPrompts: changed(before, after), mentionGainedPrompts: changed(after, before) };
}

function visibilityDeltas(base?: StoredVisibility, head?: StoredVisibility): MetricDelta[] {
  if (!base && !head) return [];
  const engines = [...new Set([...(base?.engines ?? []), ...(head?.engines ?? [])].map((e) => e.engine))];
  const scopes: Array<[string | null, Metrics | undefined, Metrics | undefined]> = [
    [null, base?.overall, head?.overall],
    ...engines.map(
      (engine) =>
        [
          engine,
          base?.engines?.find((e) => e.engine === engine)?.metrics,
          head?.engines?.find((e) => e.engine === engine)?.metrics,
        ] as [string, Metrics | undefined, Metrics | undefined],
    ),
  ];
  return scopes.flatMap(([engine, before, after]) =>
    PROPORTIONS.map(([metric, field]) => {
      const b = before?.[field] ?? null;
      const h = after?.[field] ?? null;
      return {
        engine,
        metric,
        base: b,
        head: h,
        delta: b && h ? Math.round((h.value - b.value) * 1e4) / 1e4 : null,
        significant: significantlyDifferent(b, h),
      };
    }),
  );
}
