import { AI_BOTS, type AiBot } from '../ai-bots.js';
import { robotsAllows } from '../crawler/robots.js';
import type { SiteData } from './types.js';

export interface BotAccess {
  token: string;
  owner: string;
  purpose: AiBot['purpose'];
  importance: AiBot['importance'];
  /** May fetch the home page. */
  homeAllowed: boolean;
  /** Crawled pages it may not fetch. */
  blockedPages: string[];
  access: 'allowed' | 'partial' | 'blocked';
}

const computed = new WeakMap<SiteData, BotAccess[]>();

/** The robots.txt verdict for every known AI bot, on the home page and on every crawled page (computed once per site). */
export function botAccessTable(site: SiteData): BotAccess[] {
  const cached = computed.get(site);
  if (cached) return cached;
  const table = AI_BOTS.map((bot): BotAccess => {
    const homeAllowed = robotsAllows(site.robots, site.home.finalUrl, bot.token);
    const blockedPages = site.htmlPages
      .map((p) => p.finalUrl)
      .filter((url) => !robotsAllows(site.robots, url, bot.token));
    const access = !homeAllowed ? 'blocked' : blockedPages.length > 0 ? 'partial' : 'allowed';
    return { ...bot, homeAllowed, blockedPages, access };
  });
  computed.set(site, table);
  return table;
}
