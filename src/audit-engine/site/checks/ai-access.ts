import type { Severity } from '../../report.js';
import type { BotPurpose } from '../ai-bots.js';
import { botAccessTable, type BotAccess } from './bot-access.js';
import type { Check, CheckResult, SiteData } from './types.js';

const IMPORTANCE_WEIGHT = { critical: 3, high: 2, medium: 1 } as const;
const IMPORTANCE_SEVERITY: Record<BotAccess['importance'], Severity> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
};
const SEVERITY_ORDER: Severity[] = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const worst = (a: Severity, b: Severity): Severity =>
  SEVERITY_ORDER.indexOf(a) >= SEVERITY_ORDER.indexOf(b) ? a : b;

function describe(bots: BotAccess[]): string {
  return bots
    .map(
      (b) =>
        `${b.token} (${b.owner}, ${b.purpose}): ${b.access === 'blocked' ? 'blocked site-wide' : `${b.blockedPages.length} page(s) disallowed`}`,
    )
    .join('; ');
}

/** Blocking bots that put pages into answers: each bot weighs by importance, a partial block counts half. */
function blockedBots(purpose: Exclude<BotPurpose, 'training'>, id: string, weight: number): Check {
  return (site: SiteData): CheckResult => {
    const bots = botAccessTable(site).filter((b) => b.purpose === purpose);
    const total = bots.reduce((s, b) => s + IMPORTANCE_WEIGHT[b.importance], 0);
    const lost = bots.reduce(
      (s, b) =>
        s + IMPORTANCE_WEIGHT[b.importance] * (b.access === 'blocked' ? 1 : b.access === 'partial' ? 0.5 : 0),
      0,
    );
    const affected = bots.filter((b) => b.access !== 'allowed');
    const result: CheckResult = { id, category: 'ai_access', weight, score: 1 - lost / total };
    if (affected.length === 0) return result;
    const severity = affected
      .map((b) => (b.access === 'blocked' ? IMPORTANCE_SEVERITY[b.importance] : 'MEDIUM'))
      .reduce(worst, 'LOW');
    const what = purpose === 'search' ? 'search and answer' : 'user-requested fetch';
    const robotsNote =
      site.robots.status === 'server-error' || site.robots.status === 'unreachable'
        ? ` robots.txt could not be read (${site.robots.httpStatus ?? site.robots.error}), which RFC 9309 treats as "disallow everything".`
        : '';
    return {
      ...result,
      finding: {
        severity,
        title: `robots.txt blocks AI ${what} crawlers`,
        detail: `${site.robots.url}: ${describe(affected)}.${robotsNote}`,
        recommendation:
          purpose === 'search'
            ? `Allow these crawlers (remove their Disallow rules or add "User-agent: <token>\\nAllow: /"): they decide whether your pages can appear and be cited in ChatGPT search, Claude, Perplexity, Google and Bing answers. To opt out of model training only, block the training bots (GPTBot, ClaudeBot, Google-Extended, CCBot) instead.`
            : 'Allow these user agents: they fetch a page when a user asks an assistant about it, and a block means the assistant answers without your page.',
        urls: [site.robots.url],
      },
    };
  };
}

const searchBots = blockedBots('search', 'ai_access.search-bots-blocked', 6);
const userFetchBots = blockedBots('user-fetch', 'ai_access.user-fetch-bots-blocked', 3);

/** Training opt-outs are a legitimate choice: reported, never scored. */
function trainingBots(site: SiteData): CheckResult {
  const affected = botAccessTable(site).filter((b) => b.purpose === 'training' && b.access !== 'allowed');
  const result: CheckResult = {
    id: 'ai_access.training-bots-blocked',
    category: 'ai_access',
    weight: 0,
    score: undefined,
  };
  if (affected.length === 0) return result;
  return {
    ...result,
    finding: {
      severity: 'INFO',
      title: 'robots.txt opts out of AI model training',
      detail: `${site.robots.url}: ${describe(affected)}. This does not affect answer-engine search visibility.`,
      recommendation:
        'No action needed if intended. Blocking training crawlers keeps content out of future model training but not out of AI search results, which use the search bots.',
      urls: [site.robots.url],
    },
  };
}

function robotsFile(site: SiteData): CheckResult {
  const r = site.robots;
  const base = { id: 'ai_access.robots-txt', category: 'ai_access' as const, weight: 2 };
  if (r.status === 'server-error' || r.status === 'unreachable') {
    return {
      ...base,
      score: 0,
      finding: {
        severity: 'HIGH',
        title: 'robots.txt cannot be read',
        detail: `${r.url} ${r.status === 'server-error' ? `answered HTTP ${r.httpStatus}` : `failed: ${r.error}`}. Under RFC 9309 crawlers treat an unreachable robots.txt as disallowing the whole site.`,
        recommendation:
          'Serve robots.txt with status 200 (or 404 if you have no rules); fix the server error.',
        urls: [r.url],
      },
    };
  }
  if (r.status === 'missing') {
    return {
      ...base,
      score: 1,
      finding: {
        severity: 'INFO',
        title: 'No robots.txt',
        detail: `${r.url} answered HTTP ${r.httpStatus}: every crawler may fetch everything.`,
        recommendation:
          'Optional: add a robots.txt that names your sitemap ("Sitemap: https://…/sitemap.xml") and states your AI-crawler policy explicitly.',
        urls: [r.url],
      },
    };
  }
  if (r.truncated) {
    return {
      ...base,
      score: 0.5,
      finding: {
        severity: 'LOW',
        title: 'robots.txt is larger than 500 KiB',
        detail: `${r.url} exceeds 500 KiB; RFC 9309 lets crawlers ignore everything after the first 500 KiB, so later rules may not apply.`,
        recommendation: 'Shrink robots.txt (merge rules, use wildcards) well below 500 KiB.',
        urls: [r.url],
      },
    };
  }
  return { ...base, score: 1 };
}

function aiUserAgentDiffers(site: SiteData): CheckResult {
  const { probe } = site;
  const base = { id: 'ai_access.ai-user-agent-differs', category: 'ai_access' as const, weight: 4 };
  if (probe.baseline.error || probe.results.length === 0) return { ...base, score: undefined };
  const different = probe.results.filter((r) => r.verdict !== 'same');
  const score = 1 - different.length / probe.results.length;
  if (different.length === 0) return { ...base, score };
  const seen = different
    .map((r) => `${r.token}: ${r.error ?? `HTTP ${r.status}, ${r.bytes} bytes`} (${r.verdict})`)
    .join('; ');
  return {
    ...base,
    score,
    finding: {
      severity: different.some((r) => r.verdict !== 'smaller') ? 'HIGH' : 'MEDIUM',
      title: 'AI crawlers get a different response than browsers',
      detail: `${probe.url} with our user agent: HTTP ${probe.baseline.status}, ${probe.baseline.bytes} bytes. ${seen}.`,
      recommendation:
        'Check your CDN/WAF bot rules (e.g. "block AI bots" toggles, rate limits, bot challenges): let verified AI search crawlers receive the same HTML as browsers.',
      urls: [probe.url],
    },
  };
}

export const aiAccessChecks: Check[] = [
  robotsFile,
  searchBots,
  userFetchBots,
  trainingBots,
  aiUserAgentDiffers,
];
