// Crawlers that feed AI answer engines, with who runs them and why they fetch. Purpose decides
// how a robots.txt block is judged: blocking `search` or `user-fetch` bots removes the site from
// answers (a problem); blocking `training` bots only opts out of model training (a legitimate
// choice, reported for information). Importance sets the severity of a block.

export type BotPurpose = 'search' | 'training' | 'user-fetch';
export type BotImportance = 'critical' | 'high' | 'medium';

export interface AiBot {
  /** robots.txt product token. */
  token: string;
  owner: string;
  purpose: BotPurpose;
  importance: BotImportance;
  /** A realistic User-Agent header, for the "served differently to AI bots" probe. */
  userAgent?: string;
}

export const AI_BOTS: readonly AiBot[] = [
  {
    token: 'GPTBot',
    owner: 'OpenAI',
    purpose: 'training',
    importance: 'medium',
    userAgent:
      'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko); compatible; GPTBot/1.2; +https://openai.com/gptbot',
  },
  { token: 'OAI-SearchBot', owner: 'OpenAI', purpose: 'search', importance: 'high' },
  { token: 'ChatGPT-User', owner: 'OpenAI', purpose: 'user-fetch', importance: 'high' },
  {
    token: 'ClaudeBot',
    owner: 'Anthropic',
    purpose: 'training',
    importance: 'medium',
    userAgent:
      'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; ClaudeBot/1.0; +claudebot@anthropic.com)',
  },
  { token: 'Claude-SearchBot', owner: 'Anthropic', purpose: 'search', importance: 'high' },
  { token: 'Claude-User', owner: 'Anthropic', purpose: 'user-fetch', importance: 'high' },
  {
    token: 'PerplexityBot',
    owner: 'Perplexity',
    purpose: 'search',
    importance: 'high',
    userAgent:
      'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; PerplexityBot/1.0; +https://perplexity.ai/perplexitybot)',
  },
  { token: 'Perplexity-User', owner: 'Perplexity', purpose: 'user-fetch', importance: 'medium' },
  { token: 'Google-Extended', owner: 'Google', purpose: 'training', importance: 'medium' },
  { token: 'Googlebot', owner: 'Google', purpose: 'search', importance: 'critical' },
  { token: 'Bingbot', owner: 'Microsoft', purpose: 'search', importance: 'critical' },
  { token: 'Applebot', owner: 'Apple', purpose: 'search', importance: 'high' },
  { token: 'Applebot-Extended', owner: 'Apple', purpose: 'training', importance: 'medium' },
  { token: 'meta-externalagent', owner: 'Meta', purpose: 'training', importance: 'medium' },
  { token: 'Amazonbot', owner: 'Amazon', purpose: 'search', importance: 'medium' },
  { token: 'CCBot', owner: 'Common Crawl', purpose: 'training', importance: 'medium' },
  { token: 'Bytespider', owner: 'ByteDance', purpose: 'training', importance: 'medium' },
];

/** Bots whose user agent is used to fetch the home page and compare with the normal response. */
export const PROBE_BOTS = AI_BOTS.filter(
  (b): b is AiBot & { userAgent: string } => b.userAgent !== undefined,
);
