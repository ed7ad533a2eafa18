import type { Severity } from '../../report.js';
import { AI_BOTS, PROBE_BOTS, type BotPurpose } from '../ai-bots.js';
import { botAccessTable, type BotAccess } from './bot-access.js';
import type { HtmlPage } from '../crawler/fetch-page.js';
import { xRobotsByAgent } from '../crawler/bot-meta.js';
import { NO_HTML_PAGES } from './page-rule.js';
import type { CheckSpec, SiteData, Verdict } from './types.js';

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
function blockedBots(purpose: Exclude<BotPurpose, 'training'>) {
  return (site: SiteData): Verdict => {
    const bots = botAccessTable(site).filter((b) => b.purpose === purpose);
    const total = bots.reduce((s, b) => s + IMPORTANCE_WEIGHT[b.importance], 0);
    const lost = bots.reduce(
      (s, b) =>
        s + IMPORTANCE_WEIGHT[b.importance] * (b.access === 'blocked' ? 1 : b.access === 'partial' ? 0.5 : 0),
      0,
    );
    const affected = bots.filter((b) => b.access !== 'allowed');
    const result: Verdict = { score: 1 - lost / total };
    if (affected.length === 0) return result;
    const severity = affected
      .map((b) => (b.access === 'blocked' ? IMPORTANCE_SEVERITY[b.importance] : 'MEDIUM'))
      .reduce(worst, 'LOW');
    const what = purpose === 'search' ? 'search and answer' : 'user-requested fetch';
    return {
      ...result,
      finding: {
        severity,
        title: `robots.txt blocks AI ${what} crawlers`,
        detail: `${site.robots.url}: ${describe(affected)}.`,
        recommendation:
          purpose === 'search'
            ? `Allow these crawlers (remove their Disallow rules or add "User-agent: <token>\\nAllow: /"): they decide whether your pages can appear and be cited in ChatGPT search, Claude, Perplexity, Google and Bing answers. To opt out of model training only, block the training bots (GPTBot, ClaudeBot, Google-Extended, CCBot) instead.`
            : 'Allow these user agents: they fetch a page when a user asks an assistant about it, and a block means the assistant answers without your page.',
        urls: [site.robots.url],
      },
    };
  };
}

/** Training opt-outs are a legitimate choice: reported, never scored (weight 0). */
function trainingBots(site: SiteData): Verdict {
  const affected = botAccessTable(site).filter((b) => b.purpose === 'training' && b.access !== 'allowed');
  if (affected.length === 0) return { score: 1 };
  return {
    score: 1,
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

function robotsFile(site: SiteData): Verdict {
  const r = site.robots;
  // A robots.txt that answers 5xx or cannot be read stops the audit before any check (index.ts).
  if (r.status === 'missing') {
    return {
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
  return { score: 1 };
}

function aiUserAgentDiffers(site: SiteData): Verdict {
  const { probe } = site;
  if (probe.baseline.error) {
    return {
      score: undefined,
      reason: `the start page could not be fetched for comparison: ${probe.baseline.error}`,
    };
  }
  if (probe.results.length === 0) {
    return {
      score: undefined,
      reason: `no AI user agent was probed: robots.txt disallows the start page for ${PROBE_BOTS.map((b) => b.token).join(', ')} (we only send a crawler's user agent where it may go)`,
    };
  }
  const different = probe.results.filter((r) => r.verdict !== 'same');
  const score = 1 - different.length / probe.results.length;
  if (different.length === 0) return { score };
  const seen = different
    .map((r) => `${r.token}: ${r.error ?? `HTTP ${r.status}, ${r.bytes} bytes`} (${r.verdict})`)
    .join('; ');
  return {
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

const BLOCKING = new Set(['noindex', 'none', 'nosnippet']);
const NON_STANDARD = new Set(['noai', 'noimageai']);

/** Directives addressed to one bot by name on a page: its meta tag and its X-Robots-Tag rules. */
function botDirectives(page: HtmlPage, token: string): string[] {
  const name = token.toLowerCase();
  return [...(page.metaByName?.[name] ?? []), ...(xRobotsByAgent(page.xRobotsTag)[name] ?? [])];
}

const ANSWER_BOTS = AI_BOTS.filter((b) => b.purpose !== 'training');

/** Pages that tell an AI search or user-fetch crawler, by name, not to index or quote them. */
function botSpecificDirectives(site: SiteData): Verdict {
  if (site.htmlPages.length === 0) return { score: undefined, reason: NO_HTML_PAGES };
  const failures = site.htmlPages.flatMap((page) => {
    const hits = ANSWER_BOTS.flatMap((bot) => {
      const blocking = botDirectives(page, bot.token).filter((d) => BLOCKING.has(d));
      return blocking.length > 0 ? [{ bot, blocking }] : [];
    });
    return hits.length > 0 ? [{ page, hits }] : [];
  });
  const score = 1 - failures.length / site.htmlPages.length;
  if (failures.length === 0) return { score };
  const important = failures.some((f) => f.hits.some((h) => h.bot.importance !== 'medium'));
  const examples = failures
    .slice(0, 5)
    .map(
      (f) =>
        `${f.page.finalUrl}: ${f.hits.map((h) => `${h.bot.token} "${h.blocking.join(', ')}"`).join('; ')}`,
    );
  return {
    score,
    finding: {
      severity: important ? 'HIGH' : 'MEDIUM',
      title: 'Robots directives keep AI answer crawlers from indexing or quoting pages',
      detail: `${failures.length} of ${site.htmlPages.length} pages address AI search or user-fetch crawlers by name (meta tag or X-Robots-Tag): ${examples.join('; ')}${failures.length > 5 ? '; …' : ''}.`,
      recommendation:
        'Remove the bot-specific noindex/nosnippet rules for crawlers whose answers you want to appear in; to opt out of model training only, address the training crawlers (GPTBot, ClaudeBot, Google-Extended …) in robots.txt instead.',
      urls: failures.map((f) => f.page.finalUrl),
    },
  };
}

/** `noai` / `noimageai`: reported for what they are, never scored. */
function nonStandardDirectives(site: SiteData): Verdict {
  if (site.htmlPages.length === 0) return { score: undefined, reason: NO_HTML_PAGES };
  const carrying = site.htmlPages.flatMap((page) => {
    const all = [
      ...page.facts.metaRobots,
      ...Object.values(page.metaByName ?? {}).flat(),
      ...Object.values(xRobotsByAgent(page.xRobotsTag)).flat(),
    ];
    const found = [...new Set(all.filter((d) => NON_STANDARD.has(d)))];
    return found.length > 0 ? [{ page, found }] : [];
  });
  if (carrying.length === 0) return { score: 1 };
  const seen = [...new Set(carrying.flatMap((c) => c.found))].join(', ');
  return {
    score: 1,
    finding: {
      severity: 'INFO',
      title: `Non-standard "${seen}" directives`,
      detail: `${carrying.length} of ${site.htmlPages.length} pages carry ${seen} (e.g. ${carrying[0]?.page.finalUrl}). These are not part of the robots meta tag rules Google documents nor of RFC 9309; a few image and art platforms honour them, the major AI crawlers do not document them.`,
      recommendation:
        'Keep them if you like, but do not rely on them: to opt out of AI training, disallow the training crawlers (GPTBot, ClaudeBot, Google-Extended, Applebot-Extended, CCBot …) in robots.txt.',
      urls: carrying.map((c) => c.page.finalUrl),
    },
  };
}

const tokens = (purpose: BotPurpose): string =>
  AI_BOTS.filter((b) => b.purpose === purpose)
    .map((b) => b.token)
    .join(', ');

export const aiAccessChecks: CheckSpec[] = [
  {
    checkId: 'ai_access.robots-txt',
    category: 'ai_access',
    weight: 2,
    title: 'robots.txt can be read',
    description:
      'Fetches /robots.txt before any page (retrying once on 5xx or a timeout, after any Retry-After). Passes on 2xx within 500 KiB, or 4xx (no rules: an INFO note); half credit when it exceeds 500 KiB. A robots.txt that still answers 5xx (or cannot be reached) means "disallow everything" for us too: the audit then stops before any page with the outcome BLOCKED instead of a score.',
    rationale:
      'Under RFC 9309 a robots.txt that answers 5xx or cannot be reached means "disallow everything": every compliant AI and search crawler stops fetching the site until it can read the file.',
    source: 'https://www.rfc-editor.org/rfc/rfc9309',
    run: robotsFile,
  },
  {
    checkId: 'ai_access.search-bots-blocked',
    category: 'ai_access',
    weight: 6,
    title: 'AI search crawlers may fetch the site',
    description: `Evaluates robots.txt for every search crawler (${tokens('search')}) on the start page and every crawled page. Each bot weighs by importance (critical 3, high 2, medium 1); blocked on the start page costs its full weight, a block on some pages half. Severity follows the most important blocked bot.`,
    rationale:
      'These crawlers build the indexes ChatGPT search, Claude, Perplexity, Google AI Overviews and Copilot answer from: a page they may not fetch cannot be found or cited in their answers.',
    source: 'https://platform.openai.com/docs/bots',
    run: blockedBots('search'),
  },
  {
    checkId: 'ai_access.user-fetch-bots-blocked',
    category: 'ai_access',
    weight: 3,
    title: 'AI assistants may fetch pages on a user’s request',
    description: `Evaluates robots.txt for the user-triggered agents (${tokens('user-fetch')}) on the start page and every crawled page, scored like the search crawlers (importance-weighted, a partial block counts half).`,
    rationale:
      'When a user asks an assistant about a page or pastes its URL, these agents fetch it live; when robots.txt refuses them the assistant answers without the page.',
    source:
      'https://support.claude.com/en/articles/8896518-does-anthropic-crawl-data-from-the-web-and-how-can-site-owners-block-the-crawler',
    run: blockedBots('user-fetch'),
  },
  {
    checkId: 'ai_access.training-bots-blocked',
    category: 'ai_access',
    weight: 0,
    title: 'AI training opt-outs are reported, not scored',
    description: `Evaluates robots.txt for the training crawlers (${tokens('training')}) and lists those blocked as an INFO note. Weight 0: it never changes the score.`,
    rationale:
      'Vendors run separate crawlers for model training and for search: blocking the training bots keeps content out of future models without removing the site from AI search answers, a legitimate choice worth making knowingly.',
    source: 'https://platform.openai.com/docs/bots',
    run: trainingBots,
  },
  {
    checkId: 'ai_access.ai-user-agent-differs',
    category: 'ai_access',
    weight: 4,
    title: 'AI crawlers get the same page as browsers',
    description: `Fetches the start page with our own user agent and with the ${PROBE_BOTS.map((b) => b.token).join(', ')} user agents at the same moment, each only when robots.txt allows that crawler the start page (one request per user agent). A probe fails when it gets a different status of 400 or above (blocked), a bot-challenge page we did not get (challenge), less than half our bytes (smaller), or no response (error). Score: share of probes getting the same page.`,
    rationale:
      'CDN and WAF "block AI bots" settings, rate limits and bot challenges often refuse AI crawlers although robots.txt allows them; the crawler then indexes an error or challenge page instead of the content.',
    source: 'https://docs.perplexity.ai/guides/bots',
    run: aiUserAgentDiffers,
  },
  {
    checkId: 'ai_access.bot-directives',
    category: 'ai_access',
    weight: 2,
    title: 'Robots directives let AI answer crawlers index and quote pages',
    description: `Reads, on every HTML page, the robots meta tags named after an AI search or user-fetch crawler (${ANSWER_BOTS.map((b) => b.token).join(', ')}; e.g. <meta name="OAI-SearchBot" content="noindex">) and the X-Robots-Tag rules addressed to one ("PerplexityBot: nosnippet"). A page fails when one of them says noindex, none or nosnippet. Generic robots rules are indexability.noindex and indexability.snippet-restrictions; rules aimed at training crawlers are not scored. Score: share of pages passing; HIGH when a high-importance crawler is affected.`,
    rationale:
      'Crawlers obey the robots rules addressed to their own name as well as the generic ones: a bot-specific noindex or nosnippet silently removes the page from that engine’s answers while every other check looks fine.',
    source: 'https://developers.google.com/search/docs/crawling-indexing/robots-meta-tag',
    run: botSpecificDirectives,
  },
  {
    checkId: 'ai_access.noai-directives',
    category: 'ai_access',
    weight: 0,
    title: 'noai / noimageai directives are reported for what they are',
    description:
      'Looks for "noai" and "noimageai" in robots meta tags (any name) and X-Robots-Tag on every HTML page and lists the pages in an INFO note. Weight 0: never scored.',
    rationale:
      'noai and noimageai are non-standard: neither RFC 9309 nor Google’s robots meta tag rules define them and the major AI crawlers do not document honouring them, so a site relying on them to opt out of training is not opted out.',
    source: 'https://developers.google.com/search/docs/crawling-indexing/robots-meta-tag',
    run: nonStandardDirectives,
  },
];
