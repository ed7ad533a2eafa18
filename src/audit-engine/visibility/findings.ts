// Findings and recommendations of a visibility audit, with their evidence (prompts, engines,
// pages cited instead of the brand's).
import type { ReportFinding, Severity } from '../report.js';
import type { AnswerAnalysis } from './analysis.js';
import type { FactCheck } from './facts.js';
import type { EngineName } from './types.js';
import type { VisibilityMetrics } from './metrics.js';
import type { EngineRun } from './runner.js';
import { positionScore, type VisibilityScore } from './scoring.js';
import { canonicalUrl, withoutTracking } from './urls.js';

export interface FindingsInput {
  brand: string;
  domain: string;
  prompts: string[];
  overall: VisibilityMetrics;
  analyses: AnswerAnalysis[];
  runs: Pick<EngineRun, 'engine' | 'model' | 'answers' | 'failures' | 'error'>[];
  scoring: VisibilityScore;
  facts?: FactCheck[];
  /** URLs an answer cited (the pages behind a contradicting statement). */
  citedBy?: (engine: EngineName, prompt: string, sample: number) => string[];
  /** Set when the audit's budget stopped it before every answer was asked. */
  budget?: { limitUsd: number; spentUsd: number; skippedByBudget: number } | null;
}

const MAX_LISTED = 10;
const MAX_URLS = 20;

const round1 = (value: number) => Math.round(value * 10) / 10;
const percent = (value: number) => `${Math.round(value * 100)}%`;
const quote = (text: string) => `"${text.length > 80 ? `${text.slice(0, 79)}…` : text}"`;

function listed(items: string[]): string {
  const shown = items.slice(0, MAX_LISTED).join('; ');
  return items.length > MAX_LISTED ? `${shown}; and ${items.length - MAX_LISTED} more` : shown;
}

/** Distinct pages (tracking parameters removed) by how often they appear, most frequent first. */
function byFrequency(urls: string[]): string[] {
  const counts = new Map<string, { url: string; count: number }>();
  for (const url of urls) {
    const key = canonicalUrl(url);
    const entry = counts.get(key) ?? { url: withoutTracking(url), count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count).map((entry) => entry.url);
}

function engineFailedFindings(input: FindingsInput): ReportFinding[] {
  return input.runs
    .filter((run) => run.error !== null)
    .map((run) => {
      const down = run.answers.length === 0;
      return {
        checkId: 'visibility.engine-failed',
        category: 'engines',
        severity: down ? 'HIGH' : 'MEDIUM',
        title: down
          ? `${run.engine} could not be asked: its results are missing`
          : `${run.engine} failed for some prompts: its results are partial`,
        detail: `${run.engine} (${run.model}): ${run.error}. The metrics use the ${run.answers.length} answer(s) that arrived.`,
        recommendation:
          "Check the engine's API key, quota, model name and base URL in the server configuration, then rerun the audit. " +
          'Answers already received are cached, so a rerun only pays for the missing ones.',
        urls: [],
        pointsLost: 0,
      };
    });
}

function brandAbsentFinding(input: FindingsInput): ReportFinding | null {
  const { overall, analyses, scoring } = input;
  if (!overall.mentionRate || !overall.promptCoverage || overall.promptCoverage.value >= 1) return null;
  const missed = input.prompts.filter((prompt) => {
    const answers = analyses.filter((a) => a.prompt === prompt);
    return answers.length > 0 && answers.every((a) => !a.brandMentioned);
  });
  if (missed.length === 0) return null;
  const evidence = missed.map((prompt) => {
    const answers = analyses.filter((a) => a.prompt === prompt);
    const named = [...new Set(answers.flatMap((a) => a.competitorsMentioned))];
    return `${quote(prompt)}${named.length > 0 ? ` (named instead: ${named.join(', ')})` : ''}`;
  });
  const cited = byFrequency(
    analyses.filter((a) => missed.includes(a.prompt)).flatMap((a) => a.otherCitations),
  );
  const severity: Severity =
    overall.mentionRate.value === 0 ? 'CRITICAL' : overall.promptCoverage.value < 0.5 ? 'HIGH' : 'MEDIUM';
  const lost =
    scoring.weights.mentions *
    100 *
    (0.5 * (1 - overall.mentionRate.value) + 0.3 * (1 - overall.promptCoverage.value));
  return {
    checkId: 'visibility.brand-absent',
    category: 'mentions',
    severity,
    title:
      overall.mentionRate.value === 0
        ? `${input.brand} is not mentioned in any answer`
        : `${input.brand} is absent from the answers to ${missed.length} of ${overall.promptCoverage.n} prompts`,
    detail:
      `Mentioned in ${percent(overall.mentionRate.value)} of ${overall.mentionRate.n} answers ` +
      `(95% interval ${percent(overall.mentionRate.low)}–${percent(overall.mentionRate.high)}). ` +
      `No engine named ${input.brand} for: ${listed(evidence)}.` +
      (cited.length > 0
        ? ` The answers cited ${cited.length} other page(s) instead (listed, most cited first).`
        : ''),
    recommendation:
      `Publish pages that answer these questions directly (the answer in the first paragraph, comparison tables, ` +
      `an FAQ naming ${input.brand}), and earn mentions on the pages the engines cite for them: reviews, ` +
      `comparisons and directories listed here.`,
    urls: cited.slice(0, MAX_URLS),
    pointsLost: round1(lost),
  };
}

function competitorCitedFinding(input: FindingsInput): ReportFinding | null {
  const relevant = input.analyses.filter(
    (a) => a.brandCitations.length === 0 && a.competitorCitations.length > 0,
  );
  if (relevant.length === 0) return null;
  const byCompetitor = new Map<string, Set<string>>();
  for (const analysis of relevant) {
    for (const { competitor, prompt } of analysis.competitorCitations.map((c) => ({
      ...c,
      prompt: analysis.prompt,
    }))) {
      const prompts = byCompetitor.get(competitor) ?? new Set<string>();
      prompts.add(prompt);
      byCompetitor.set(competitor, prompts);
    }
  }
  const summary = [...byCompetitor.entries()].map(
    ([competitor, prompts]) => `${competitor} for ${listed([...prompts].map(quote))}`,
  );
  return {
    checkId: 'visibility.competitor-cited',
    category: 'citations',
    severity: 'MEDIUM',
    title: `Competitors' pages are cited where ${input.domain} is not`,
    detail: `In ${relevant.length} answer(s) that cite no page of ${input.domain}, the engines cited competitors' sites: ${summary.join('; ')}.`,
    recommendation:
      'Study the cited competitor pages (listed): match or beat them with a page on your site that answers the same ' +
      'question with specific facts, data and structured markup, and link it from your navigation and sitemap.',
    urls: byFrequency(relevant.flatMap((a) => a.competitorCitations.map((c) => c.url))).slice(0, MAX_URLS),
    pointsLost: 0,
  };
}

function lowCitationFinding(input: FindingsInput): ReportFinding | null {
  const { citationRate } = input.overall;
  if (!citationRate || citationRate.value >= 0.5) return null;
  const consulted = byFrequency(input.analyses.flatMap((a) => a.brandSourcesNotCited));
  const severity: Severity = citationRate.value === 0 ? 'HIGH' : citationRate.value < 0.25 ? 'MEDIUM' : 'LOW';
  const lost = input.scoring.weights.citations * (100 - (input.scoring.raw.citations ?? 0));
  return {
    checkId: 'visibility.low-citation',
    category: 'citations',
    severity,
    title: `${input.domain} is cited in ${percent(citationRate.value)} of answers with sources`,
    detail:
      `${Math.round(citationRate.value * citationRate.n)} of ${citationRate.n} answers that cite sources cite ${input.domain} ` +
      `(95% interval ${percent(citationRate.low)}–${percent(citationRate.high)}).` +
      (consulted.length > 0
        ? ` The engines read ${consulted.length} of your page(s) without citing them (listed): they were found but not quoted.`
        : ''),
    recommendation:
      consulted.length > 0
        ? 'The listed pages are found but not quoted: lead them with a direct, quotable answer, add concrete figures ' +
          'and dates, and mark them up with structured data so engines can attribute facts to them.'
        : `Create pages on ${input.domain} that engines can cite for these prompts: specific, factual, up to date, ` +
          'crawlable without JavaScript and open to AI search crawlers in robots.txt.',
    urls: consulted.slice(0, MAX_URLS),
    pointsLost: round1(lost),
  };
}

function shareOfVoiceFinding(input: FindingsInput): ReportFinding | null {
  const { shareOfVoice } = input.overall;
  if (!shareOfVoice || shareOfVoice.value >= 0.25) return null;
  const counts = new Map<string, number>();
  for (const analysis of input.analyses) {
    for (const competitor of analysis.competitorsMentioned)
      counts.set(competitor, (counts.get(competitor) ?? 0) + 1);
  }
  const brandAnswers = input.analyses.filter((a) => a.brandMentioned).length;
  const leaders = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} in ${n}`);
  const lost = input.scoring.weights.share_of_voice * (100 - (input.scoring.raw.share_of_voice ?? 0));
  return {
    checkId: 'visibility.low-share-of-voice',
    category: 'share_of_voice',
    severity: 'MEDIUM',
    title: `${input.brand} has ${percent(shareOfVoice.value)} share of voice against its competitors`,
    detail: `${input.brand} is named in ${brandAnswers} answer(s); competitors: ${listed(leaders)} (of ${input.analyses.length} answers).`,
    recommendation:
      'Publish comparison and alternatives pages ("X vs Y", "best tools for …") that name your brand next to the ' +
      'competitors, and get covered by the review and listicle sites the engines cite.',
    urls: [],
    pointsLost: round1(lost),
  };
}

function positionFinding(input: FindingsInput): ReportFinding | null {
  const { averagePosition } = input.overall;
  if (averagePosition === null || averagePosition <= 2) return null;
  const lost = input.scoring.weights.mentions * 100 * 0.2 * (1 - positionScore(input.overall));
  return {
    checkId: 'visibility.late-position',
    category: 'mentions',
    severity: 'LOW',
    title: `${input.brand} is named late in the answers (average rank ${averagePosition.toFixed(1)})`,
    detail: `When ${input.brand} is mentioned, ${(averagePosition - 1).toFixed(1)} other brand(s) are named before it on average.`,
    recommendation:
      'State plainly what the brand is best at (category, audience, differentiator) on your site and in third-party ' +
      'profiles so engines can lead with it for matching questions.',
    urls: [],
    pointsLost: round1(lost),
  };
}

function sentimentFinding(input: FindingsInput): ReportFinding | null {
  const { sentiment } = input.overall;
  if (sentiment === null || sentiment >= -0.1) return null;
  const lost = input.scoring.weights.sentiment * (100 - (input.scoring.raw.sentiment ?? 0));
  return {
    checkId: 'visibility.negative-sentiment',
    category: 'sentiment',
    severity: sentiment < -0.5 ? 'HIGH' : 'MEDIUM',
    title: `Answers speak negatively of ${input.brand} (sentiment ${sentiment.toFixed(2)})`,
    detail: `The words around ${input.brand}'s mentions lean negative (−1 = all negative, +1 = all positive).`,
    recommendation:
      'Read the answers to see which criticisms they repeat (price, reliability, support …); address them on your ' +
      'site and in public reviews, and publish up-to-date facts that correct outdated claims.',
    urls: [],
    pointsLost: round1(lost),
  };
}

function budgetFinding(input: FindingsInput): ReportFinding | null {
  if (!input.budget) return null;
  const { limitUsd, spentUsd, skippedByBudget } = input.budget;
  const answered = input.runs.reduce((sum, run) => sum + run.answers.length, 0);
  return {
    checkId: 'visibility.budget-reached',
    category: 'engines',
    severity: 'MEDIUM',
    title: `The budget of $${limitUsd} stopped the audit: ${skippedByBudget} answer(s) were not asked`,
    detail:
      `$${spentUsd.toFixed(4)} was spent on ${answered} answer(s) before the next one would have exceeded the budget. ` +
      'The metrics use the answers that arrived; prompts asked late may be missing for some engines.',
    recommendation:
      'Raise the budget, or ask fewer prompts, samples or engines; answers already received are cached, so a ' +
      'rerun within the cache lifetime only pays for the missing ones.',
    urls: [],
    pointsLost: 0,
  };
}

function factFindings(input: FindingsInput): ReportFinding[] {
  return (input.facts ?? [])
    .filter((fact) => fact.contradictions.length > 0)
    .map((fact) => {
      const quotes = fact.contradictions.map(
        (c) => `${c.engine} on ${quote(c.prompt)}: "${c.quote}" (states ${c.stated})`,
      );
      const cited = byFrequency(
        fact.contradictions.flatMap((c) => input.citedBy?.(c.engine, c.prompt, c.sample) ?? []),
      );
      return {
        checkId: 'visibility.fact-contradicted',
        category: 'facts',
        severity: 'HIGH',
        title: `${fact.contradictions.length} answer statement(s) contradict ${input.brand}'s ${fact.label} (${fact.value})`,
        detail:
          `Of ${fact.answersChecked} answer(s) mentioning ${input.brand}, ${fact.statements} state its ${fact.label}; ` +
          `these contradict "${fact.value}": ${listed(quotes)}.` +
          (cited.length > 0
            ? ' The pages these answers cite are listed: they may carry the wrong fact.'
            : ''),
        recommendation:
          `State the ${fact.label} plainly on your site (about page, structured data such as Organization ` +
          `foundingDate, address or Offer price) and ask the listed pages to correct it; engines repeat what their ` +
          'sources say.',
        urls: cited.slice(0, MAX_URLS),
        pointsLost: 0,
      };
    });
}

export function visibilityFindings(input: FindingsInput): ReportFinding[] {
  const findings = [
    ...factFindings(input),
    ...engineFailedFindings(input),
    budgetFinding(input),
    brandAbsentFinding(input),
    competitorCitedFinding(input),
    lowCitationFinding(input),
    shareOfVoiceFinding(input),
    positionFinding(input),
    sentimentFinding(input),
  ].filter((finding): finding is ReportFinding => finding !== null);
  return findings.sort((a, b) => b.pointsLost - a.pointsLost);
}
