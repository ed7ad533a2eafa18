import { yielder } from '../../cooperative.js';
import { AI_BOTS, type AiBot } from '../ai-bots.js';
import { robotsAllows, type RobotsInfo } from '../crawler/robots.js';
import type { SiteData } from './types.js';

export interface BotAccess extends AiBot {
  /** May fetch the home page. */
  homeAllowed: boolean;
  /** Crawled pages it may not fetch. */
  blockedPages: string[];
  access: 'allowed' | 'partial' | 'blocked';
}

const computed = new WeakMap<SiteData, BotAccess[]>();

/** Every bot against the home page and every crawled page; yields after each robots.txt question. */
function* evaluate(site: SiteData): Generator<void, BotAccess[]> {
  const table: BotAccess[] = [];
  for (const bot of AI_BOTS) {
    const homeAllowed = robotsAllows(site.robots, site.home.finalUrl, bot.token);
    const blockedPages: string[] = [];
    for (const page of site.htmlPages) {
      yield;
      if (!robotsAllows(site.robots, page.finalUrl, bot.token)) blockedPages.push(page.finalUrl);
    }
    const access = !homeAllowed ? 'blocked' : blockedPages.length > 0 ? 'partial' : 'allowed';
    table.push({ ...bot, homeAllowed, blockedPages, access });
  }
  return table;
}

/**
 * Computes the table ahead of the (synchronous) checks, giving the event loop back as it goes:
 * every bot times every crawled page against a large robots.txt adds up.
 */
export async function prepareBotAccess(site: SiteData): Promise<void> {
  const pause = yielder();
  const steps = evaluate(site);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) return void computed.set(site, step.value);
    await pause();
  }
}

/** The robots.txt verdict for every known AI bot, on the home page and on every crawled page (computed once per site). */
export function botAccessTable(site: SiteData): BotAccess[] {
  const cached = computed.get(site);
  if (cached) return cached;
  const steps = evaluate(site);
  let step = steps.next();
  while (!step.done) step = steps.next();
  computed.set(site, step.value);
  return step.value;
}

/** What robots.txt says for each known AI bot about one URL (the start URL of a blocked audit). */
export function robotsVerdicts(robots: RobotsInfo, url: string): Array<AiBot & { allowed: boolean }> {
  return AI_BOTS.map((bot) => ({ ...bot, allowed: robotsAllows(robots, url, bot.token) }));
}
