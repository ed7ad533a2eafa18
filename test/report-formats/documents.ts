// Hand-built result documents for the renderer tests: realistic content plus the hostile bits every
// format must survive (a `<script>` page title, a `|` in a table cell, a detail starting with `=`).
import type { AuditResultDocument, CheckDefinition } from '../../src/audit-engine/result.js';
import type { VisibilityMetrics } from '../../src/audit-engine/visibility/index.js';

export const SCRIPT_TITLE = '<script>alert("x")</script> Home';
export const PIPE_TEXT = 'Pricing | Example Co';
export const FORMULA_DETAIL = '=HYPERLINK("http://evil.example","click") 3 of 5 pages have no description';

const origin = 'https://example.com';

export const CATALOGUE: readonly CheckDefinition[] = [
  {
    checkId: 'basics.title',
    category: 'basics',
    title: 'Every page has one descriptive title',
    description: 'Looks for exactly one non-empty <title> of 10–70 characters per HTML page.',
    rationale: 'Answer engines quote the title when they cite a page.',
    source: 'https://developers.google.com/search/docs/appearance/title-link',
    weight: 2,
  },
  {
    checkId: 'basics.meta-description',
    category: 'basics',
    title: 'Every page has a meta description',
    description: 'Looks for a meta description of 50–160 characters.',
    rationale: 'Snippets and answer summaries often start from the description.',
    source: 'https://developers.google.com/search/docs/appearance/snippet',
    weight: 1,
  },
  {
    checkId: 'robots.ai-search-blocked',
    category: 'ai_access',
    title: 'AI search crawlers may fetch the site',
    description:
      'Reads robots.txt for the AI search crawlers (OAI-SearchBot, PerplexityBot, Claude-SearchBot).',
    rationale: 'A blocked search crawler cannot cite the site in answers.',
    source: 'https://platform.openai.com/docs/bots',
    weight: 3,
  },
  {
    checkId: 'trust.https',
    category: 'trust',
    title: 'The site is served over HTTPS',
    description: 'Checks that the start page and every crawled page use https.',
    rationale: 'Engines prefer secure sources.',
    source: 'https://developers.google.com/search/docs/crawling-indexing/https',
    weight: 1,
  },
  {
    checkId: 'answerability.faq',
    category: 'answerability',
    title: 'Questions are answered directly',
    description: 'Looks for question headings followed by a short answer paragraph.',
    rationale: 'Direct answers are easy to extract.',
    source: 'https://example.org/study',
    weight: 1,
  },
];

export function siteDocument(): AuditResultDocument {
  return {
    version: 1,
    id: 'QXVkaXQ6MTIz',
    kind: 'SITE',
    url: `${origin}/`,
    status: 'SUCCEEDED',
    score: 63,
    grade: 'D',
    error: null,
    createdAt: '2026-05-01T10:00:00.000Z',
    finishedAt: '2026-05-01T10:02:13.000Z',
    categories: [
      { category: 'ai_access', score: 40, weight: 0.3, applicable: true },
      { category: 'basics', score: 72, weight: 0.4, applicable: true },
      { category: 'trust', score: 80, weight: 0.3, applicable: true },
      {
        category: 'answerability',
        score: 0,
        weight: 0,
        applicable: false,
        reason: 'no page has 150 words of text',
      },
    ],
    findings: [
      {
        checkId: 'robots.ai-search-blocked',
        category: 'ai_access',
        severity: 'CRITICAL',
        title: 'robots.txt blocks OAI-SearchBot and PerplexityBot',
        detail: 'Disallow: / for OAI-SearchBot (line 4) and PerplexityBot (line 7).',
        recommendation: 'Remove the Disallow rules for the AI search crawlers.',
        urls: [],
        pointsLost: 18,
      },
      {
        checkId: 'basics.title',
        category: 'basics',
        severity: 'HIGH',
        title: 'A page title is not descriptive',
        detail: `The title "${SCRIPT_TITLE}" is generic.`,
        recommendation: 'Write a title naming what the page is about.',
        urls: [`${origin}/`, `${origin}/pricing?a=1&b=2`],
        pointsLost: 7.5,
      },
      {
        checkId: 'basics.meta-description',
        category: 'basics',
        severity: 'MEDIUM',
        title: 'Pages without a meta description',
        detail: FORMULA_DETAIL,
        recommendation: 'Add a 50–160 character description, "quoted", to each page.',
        urls: [`${origin}/pricing`, `${origin}/about`, `${origin}/blog`],
        pointsLost: 4,
      },
      {
        checkId: 'trust.https',
        category: 'trust',
        severity: 'LOW',
        title: 'One page is served over plain HTTP',
        detail: 'http://example.com/legacy has no redirect to https.',
        recommendation: 'Redirect every http:// URL to https://.',
        urls: ['http://example.com/legacy'],
        pointsLost: 1.2,
      },
      {
        checkId: 'ai_access.training-bots-blocked',
        category: 'ai_access',
        severity: 'INFO',
        title: 'GPTBot (training) is blocked',
        detail: 'GPTBot (OpenAI, training) may not crawl; search crawlers are unaffected.',
        recommendation: 'Nothing to do if opting out of training is intended.',
        urls: [],
        pointsLost: 0,
      },
    ],
    site: {
      startUrl: `${origin}/`,
      finalUrl: `${origin}/`,
      pages: [
        {
          url: `${origin}/`,
          finalUrl: `${origin}/`,
          redirects: [],
          status: 200,
          error: null,
          depth: 0,
          title: SCRIPT_TITLE,
          words: 412,
          bytes: 18234,
          fetchMs: 120,
          contentType: 'text/html; charset=utf-8',
          indexable: true,
          truncated: false,
          structuredData: ['Organization', 'WebSite'],
          failedChecks: ['basics.title'],
        },
        {
          url: `${origin}/pricing`,
          finalUrl: `${origin}/pricing/`,
          redirects: [`${origin}/pricing`],
          status: 200,
          error: null,
          depth: 1,
          title: PIPE_TEXT,
          words: 230,
          bytes: 9100,
          fetchMs: 98,
          contentType: 'text/html',
          indexable: true,
          truncated: false,
          structuredData: [],
          failedChecks: ['basics.meta-description'],
        },
        {
          url: `${origin}/broken`,
          finalUrl: `${origin}/broken`,
          redirects: [],
          status: null,
          error: 'connection reset',
          depth: 1,
          title: null,
          words: null,
          bytes: 0,
          fetchMs: null,
          contentType: null,
          indexable: false,
          truncated: false,
          structuredData: [],
          failedChecks: [],
        },
      ],
      pagesTotal: 3,
      checks: [
        {
          checkId: 'basics.title',
          category: 'basics',
          title: 'Every page has one descriptive title',
          status: 'FAILED',
          severity: 'HIGH',
          pointsLost: 7.5,
          score: 0.5,
          weight: 2,
          finding: null,
        },
        {
          checkId: 'robots.ai-search-blocked',
          category: 'ai_access',
          title: 'AI search crawlers may fetch the site',
          status: 'FAILED',
          severity: 'CRITICAL',
          pointsLost: 18,
          score: 0,
          weight: 3,
          finding: null,
        },
        {
          checkId: 'answerability.faq',
          category: 'answerability',
          title: 'Questions are answered directly',
          status: 'NOT_APPLICABLE',
          severity: null,
          pointsLost: 0,
          score: null,
          weight: 1,
          finding: null,
        },
        {
          checkId: 'trust.https',
          category: 'trust',
          title: 'The site is served over HTTPS',
          status: 'PASSED',
          severity: null,
          pointsLost: 0,
          score: 1,
          weight: 1,
          finding: null,
        },
      ],
      botAccess: [
        {
          bot: 'OAI-SearchBot',
          operator: 'OpenAI',
          purpose: 'search',
          robots: 'blocked',
          pagesAllowed: 0,
          pagesBlocked: 3,
          probeStatus: 403,
          probeVerdict: 'blocked',
        },
        {
          bot: 'PerplexityBot',
          operator: 'Perplexity',
          purpose: 'search',
          robots: 'partial',
          pagesAllowed: 2,
          pagesBlocked: 1,
          probeStatus: 200,
          probeVerdict: 'same',
        },
        {
          bot: 'ClaudeBot',
          operator: 'Anthropic',
          purpose: 'training',
          robots: 'allowed',
          pagesAllowed: 3,
          pagesBlocked: 0,
          probeStatus: null,
          probeVerdict: null,
        },
      ],
      skipped: [
        { url: `${origin}/admin`, reason: 'robots', detail: 'Disallow: /admin' },
        { url: `${origin}/page-51`, reason: 'limit', detail: 'max-pages 50 reached' },
      ],
      skippedTotal: { robots: 1, limit: 12 },
      robots: {},
      sitemaps: {},
      llmsTxt: {},
      stats: { pagesFetched: 3, htmlPages: 2, durationMs: 133000, limits: { maxPages: 50 } },
    },
    visibility: null,
    project: {
      id: 'UHJvamVjdDox',
      name: 'Example | weekly',
      trend: [
        { auditId: 'a1', at: '2026-04-10T10:00:00.000Z', score: 55, mentionRate: null },
        { auditId: 'a2', at: '2026-04-17T10:00:00.000Z', score: 58, mentionRate: null },
        { auditId: 'a3', at: '2026-04-24T10:00:00.000Z', score: null, mentionRate: null },
        { auditId: 'a4', at: '2026-05-01T10:00:00.000Z', score: 63, mentionRate: null },
      ],
    },
  };
}

const est = (x: number, n: number) => {
  const value = n === 0 ? 0 : x / n;
  return { value, low: Math.max(0, value - 0.15), high: Math.min(1, value + 0.15), n };
};

function metrics(answers: number, mentioned: number): VisibilityMetrics {
  return {
    answers,
    mentionRate: est(mentioned, answers),
    promptCoverage: est(Math.min(2, mentioned), 2),
    shareOfVoice: est(mentioned, mentioned + 3),
    citationRate: est(1, 2),
    citationShare: est(1, 6),
    averagePosition: mentioned > 0 ? 1.5 : null,
    sentiment: mentioned > 0 ? 0.4 : null,
  };
}

export function visibilityDocument(): AuditResultDocument {
  const analysis = (engine: 'openai' | 'anthropic', prompt: string, mentioned: boolean) => ({
    engine,
    prompt,
    sample: 0,
    brandMentioned: mentioned,
    brandMentions: mentioned ? 2 : 0,
    brandFirstOffset: mentioned ? 10 : null,
    brandPosition: mentioned ? 1 : null,
    competitorsMentioned: ['Rival Inc'],
    sentiment: mentioned ? 0.4 : null,
    citationCount: 2,
    brandCitations: mentioned ? ['https://acme.example/tools'] : [],
    brandSourcesNotCited: [],
    competitorCitations: [{ competitor: 'Rival Inc', url: 'https://rival.example/' }],
    otherCitations: ['https://news.example/review'],
    mentions: [
      ...(mentioned ? [{ name: 'Acme', brand: true, position: 1, offset: 0 }] : []),
      { name: 'Rival Inc', brand: false, position: mentioned ? 2 : 1, offset: mentioned ? 9 : 0 },
    ],
    citations: [
      ...(mentioned
        ? [{ url: 'https://acme.example/tools', title: 'Acme <b>tools</b>', brand: true, competitor: null }]
        : []),
      { url: 'https://rival.example/', title: 'Rival', brand: false, competitor: 'Rival Inc' },
    ],
  });
  const answer = (engine: 'openai' | 'anthropic', prompt: string, mentioned: boolean) => ({
    engine,
    model: engine === 'openai' ? 'gpt-4.1' : 'claude-sonnet-4-5',
    prompt,
    sample: 0,
    text: mentioned ? 'Acme and Rival Inc are both good.' : 'Rival Inc is the best.',
    citations: [
      ...(mentioned ? [{ url: 'https://acme.example/tools', title: 'Acme <b>tools</b>' }] : []),
      { url: 'https://rival.example/', title: 'Rival' },
    ],
    sources: [],
    latencyMs: 1200,
    usage: { inputTokens: 20, outputTokens: 150 },
    cached: false,
    analysis: analysis(engine, prompt, mentioned),
  });
  const p1 = 'best audit tool | for small teams';
  const p2 = '<img src=x onerror=alert(1)> which tool?';
  return {
    version: 1,
    id: null,
    kind: 'VISIBILITY',
    url: 'https://acme.example/',
    status: 'SUCCEEDED',
    score: 48,
    grade: 'F',
    error: null,
    createdAt: '2026-05-02T08:00:00.000Z',
    finishedAt: '2026-05-02T08:01:00.000Z',
    categories: [
      { category: 'mentions', score: 50, weight: 0.5, applicable: true },
      { category: 'citations', score: 46, weight: 0.5, applicable: true },
    ],
    findings: [
      {
        checkId: 'visibility.low-mention-rate',
        category: 'mentions',
        severity: 'HIGH',
        title: 'Acme is mentioned in 2 of 4 answers',
        detail: 'Mention rate 50% (95% CI 15–85%); Rival Inc is named in every answer.',
        recommendation: 'Publish comparison pages answering the prompts where Acme is missing.',
        urls: [],
        pointsLost: 25,
      },
      {
        checkId: 'visibility.not-cited',
        category: 'citations',
        severity: 'MEDIUM',
        title: 'anthropic never cites acme.example',
        detail: '=1+1 citations went to rival.example and news.example instead.',
        recommendation: 'Make the tools page citable: a direct answer in its first paragraph.',
        urls: ['https://acme.example/tools'],
        pointsLost: 12,
      },
    ],
    site: null,
    visibility: {
      visibility: {
        overall: metrics(4, 2),
        engines: [
          { engine: 'openai', model: 'gpt-4.1', metrics: metrics(2, 2), error: null },
          {
            engine: 'anthropic',
            model: 'claude-sonnet-4-5',
            metrics: { ...metrics(2, 0), citationRate: null },
            error: '1 answer failed: HTTP 529',
          },
        ],
      },
      answers: [
        answer('openai', p1, true),
        answer('openai', p2, true),
        answer('anthropic', p1, false),
        answer('anthropic', p2, false),
      ],
      failures: [
        {
          engine: 'anthropic',
          model: 'claude-sonnet-4-5',
          prompt: p2,
          sample: 1,
          error: 'HTTP 529 overloaded',
        },
      ],
      usage: [
        {
          engine: 'openai',
          model: 'gpt-4.1',
          requests: 2,
          answers: 2,
          cachedAnswers: 0,
          failedAnswers: 0,
          tokens: { inputTokens: 40, outputTokens: 300 },
        },
        {
          engine: 'anthropic',
          model: 'claude-sonnet-4-5',
          requests: 3,
          answers: 2,
          cachedAnswers: 0,
          failedAnswers: 1,
          tokens: { inputTokens: 40, outputTokens: 300 },
        },
      ],
    },
    project: {
      id: 'UHJvamVjdDoy',
      name: 'Acme visibility',
      trend: [
        { auditId: 'v1', at: '2026-04-18T08:00:00.000Z', score: 40, mentionRate: 0.25 },
        { auditId: 'v2', at: '2026-04-25T08:00:00.000Z', score: 44, mentionRate: 0.4 },
        { auditId: 'v3', at: '2026-05-02T08:00:00.000Z', score: 48, mentionRate: 0.5 },
      ],
    },
  };
}
