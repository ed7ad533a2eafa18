// Crawlers that feed AI answer engines, with who runs them and why they fetch. Purpose decides
// how a robots.txt block is judged: blocking `search` or `user-fetch` bots removes the site from
// answers (a problem); blocking `training` bots only opts out of model training (a legitimate
// choice, reported for information). Importance sets the severity of a block.

export type BotPurpose = 'search' | 'training' | 'user-fetch';
export type BotImportance = 'critical' | 'high' | 'medium';

export interface AiBot {
  /** robots.txt product token. */
  token: string;
  /** Who runs it. */
  owner: string;
  purpose: BotPurpose;
  importance: BotImportance;
  /** What it fetches for, in the operator's terms. */
  description: string;
  /** The operator's page documenting it; for an operator that publishes none, what identifies it. */
  source: string;
  /** When this entry was last compared with its source (ISO date). */
  checked: string;
  /** A realistic User-Agent header, for the "served differently to AI bots" probe. */
  userAgent?: string;
}

const OPENAI = 'https://platform.openai.com/docs/bots';
const ANTHROPIC =
  'https://support.claude.com/en/articles/8896518-does-anthropic-crawl-data-from-the-web-and-how-can-site-owners-block-the-crawler';
const PERPLEXITY = 'https://docs.perplexity.ai/guides/bots';
const GOOGLE = 'https://developers.google.com/search/docs/crawling-indexing/google-common-crawlers';
const APPLE = 'https://support.apple.com/en-us/119829';
const META = 'https://developers.facebook.com/docs/sharing/webmasters/web-crawlers';
/** The day the table was last reviewed against the sources (stored copies of the vendor pages). */
const CHECKED = '2026-12-03';

/**
 * The AI crawlers and user-triggered fetchers we know, with their operator, purpose and source:
 * one table, used by the robots.txt verdicts, the bot-directive checks and the probes.
 */
export const AI_BOTS: readonly AiBot[] = [
  {
    token: 'GPTBot',
    owner: 'OpenAI',
    purpose: 'training',
    importance: 'medium',
    description: 'Crawls content that may be used to train OpenAI’s generative AI foundation models.',
    source: OPENAI,
    checked: CHECKED,
    userAgent:
      'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; GPTBot/1.2; +https://openai.com/gptbot',
  },
  {
    token: 'OAI-SearchBot',
    owner: 'OpenAI',
    purpose: 'search',
    importance: 'high',
    description: 'Finds and surfaces websites in ChatGPT search; not used for training.',
    source: OPENAI,
    checked: CHECKED,
  },
  {
    token: 'ChatGPT-User',
    owner: 'OpenAI',
    purpose: 'user-fetch',
    importance: 'high',
    description: 'Visits a page when a ChatGPT user or a Custom GPT asks for it; not an automatic crawler.',
    source: OPENAI,
    checked: CHECKED,
  },
  {
    token: 'ClaudeBot',
    owner: 'Anthropic',
    purpose: 'training',
    importance: 'medium',
    description: 'Collects public web content that could contribute to training Anthropic’s models.',
    source: ANTHROPIC,
    checked: CHECKED,
    userAgent:
      'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)',
  },
  {
    token: 'Claude-SearchBot',
    owner: 'Anthropic',
    purpose: 'search',
    importance: 'high',
    description: 'Indexes content to improve the quality and relevance of Claude’s search results.',
    source: ANTHROPIC,
    checked: CHECKED,
  },
  {
    token: 'Claude-User',
    owner: 'Anthropic',
    purpose: 'user-fetch',
    importance: 'high',
    description: 'Fetches a page when a Claude user’s question needs it.',
    source: ANTHROPIC,
    checked: CHECKED,
  },
  {
    token: 'PerplexityBot',
    owner: 'Perplexity',
    purpose: 'search',
    importance: 'high',
    description: 'Surfaces and links websites in Perplexity search results; not used for training.',
    source: PERPLEXITY,
    checked: CHECKED,
    userAgent:
      'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; +https://perplexity.ai/perplexitybot)',
  },
  {
    token: 'Perplexity-User',
    owner: 'Perplexity',
    purpose: 'user-fetch',
    importance: 'medium',
    description:
      'Visits a page when a Perplexity user asks; Perplexity says it generally ignores robots.txt.',
    source: PERPLEXITY,
    checked: CHECKED,
  },
  {
    token: 'Google-Extended',
    owner: 'Google',
    purpose: 'training',
    importance: 'medium',
    description:
      'A robots.txt token only (no crawler of its own): whether content Google crawls may train Gemini models and ground their answers.',
    source: GOOGLE,
    checked: CHECKED,
  },
  {
    token: 'Googlebot',
    owner: 'Google',
    purpose: 'search',
    importance: 'critical',
    description: 'Google Search’s crawler; AI Overviews and AI Mode answer from its index.',
    source: 'https://developers.google.com/search/docs/crawling-indexing/googlebot',
    checked: CHECKED,
  },
  {
    token: 'Bingbot',
    owner: 'Microsoft',
    purpose: 'search',
    importance: 'critical',
    description: 'Bing’s crawler; Copilot answers from the Bing index.',
    source: 'https://www.bing.com/webmasters/help/which-crawlers-does-bing-use-8c184ec0',
    checked: CHECKED,
  },
  {
    token: 'Applebot',
    owner: 'Apple',
    purpose: 'search',
    importance: 'high',
    description: 'Apple’s crawler for search in Spotlight, Siri and Safari.',
    source: APPLE,
    checked: CHECKED,
  },
  {
    token: 'Applebot-Extended',
    owner: 'Apple',
    purpose: 'training',
    importance: 'medium',
    description:
      'A robots.txt token only (no crawler of its own): whether what Applebot crawls may train Apple’s foundation models.',
    source: APPLE,
    checked: CHECKED,
  },
  {
    token: 'meta-externalagent',
    owner: 'Meta',
    purpose: 'training',
    importance: 'medium',
    description: 'Crawls the web to train Meta’s AI models and improve its products.',
    source: META,
    checked: CHECKED,
  },
  {
    token: 'meta-externalfetcher',
    owner: 'Meta',
    purpose: 'user-fetch',
    importance: 'medium',
    description: 'Fetches individual links a Meta AI user asks for; Meta says it may bypass robots.txt.',
    source: META,
    checked: CHECKED,
  },
  {
    token: 'Amazonbot',
    owner: 'Amazon',
    purpose: 'search',
    importance: 'medium',
    description: 'Amazon’s crawler, used to improve its products and services such as Alexa’s answers.',
    source: 'https://developer.amazon.com/amazonbot',
    checked: CHECKED,
  },
  {
    token: 'CCBot',
    owner: 'Common Crawl',
    purpose: 'training',
    importance: 'medium',
    description: 'Builds the open Common Crawl corpus, a source of many models’ training data.',
    source: 'https://commoncrawl.org/ccbot',
    checked: CHECKED,
  },
  {
    token: 'Bytespider',
    owner: 'ByteDance',
    purpose: 'training',
    importance: 'medium',
    description:
      'ByteDance’s crawler, reported to collect training data for its models (e.g. Doubao); its robots.txt compliance is reported to be inconsistent.',
    source: 'none published by ByteDance; its user agent names spider-feedback@bytedance.com',
    checked: CHECKED,
  },
];

/** Bots whose user agent is used to fetch the home page and compare with the normal response. */
export const PROBE_BOTS = AI_BOTS.filter(
  (b): b is AiBot & { userAgent: string } => b.userAgent !== undefined,
);
