import { AI_BOTS } from '../ai-bots.js';

// Robots meta tags addressed to one crawler by name (<meta name="GPTBot" content="noindex">), read
// from the start of the raw HTML. Page analysis (page/extract.ts) merges the generic robots,
// googlebot and bingbot tags into one list; per-bot directives need the name kept. The scan is a
// single linear pass over a bounded prefix (the head), cheap enough for the event loop.

/** HTML scanned for meta tags: the <head> of any real page fits. */
export const META_SCAN_CHARS = 64 * 1024;

const NAMES = new Set(['robots', ...AI_BOTS.map((b) => b.token.toLowerCase())]);
const META_TAG = /<meta\b[^>]*>/gi;
/** Robots rules that take a value after a colon (Google's robots meta tag documentation). */
const VALUED_RULES = new Set(['max-snippet', 'max-image-preview', 'max-video-preview', 'unavailable_after']);
const attribute = (tag: string, name: string): string | undefined =>
  new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i')
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined);

/** Lower-cased meta name (robots or a known bot token) → its lower-cased directives, in order. */
export function botMetaDirectives(html: string): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const [tag] of html.slice(0, META_SCAN_CHARS).matchAll(META_TAG)) {
    const name = attribute(tag, 'name')?.trim().toLowerCase();
    if (!name || !NAMES.has(name)) continue;
    const directives = (attribute(tag, 'content') ?? '')
      .toLowerCase()
      .split(',')
      .map((d) => d.trim())
      .filter(Boolean);
    (found[name] ??= []).push(...directives);
  }
  return found;
}

/**
 * X-Robots-Tag split by the crawler it addresses: "GPTBot: noindex, nofollow" applies to GPTBot,
 * a rule without a name to every crawler (key `*`). Lower-cased.
 */
export function xRobotsByAgent(header: string | undefined): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  let agent = '*';
  for (const part of (header ?? '').split(',')) {
    const raw = part.trim().toLowerCase();
    if (!raw) continue;
    // "name: rule" starts that crawler's list, unless the name is itself a rule with a value
    // ("max-snippet: 50", "unavailable_after: …").
    const named = /^([a-z0-9_-]+)\s*:\s*(.*)$/.exec(raw);
    let rule = raw;
    if (named && !VALUED_RULES.has(named[1] ?? '')) {
      agent = named[1] ?? '*';
      rule = named[2] ?? '';
    }
    if (rule) (found[agent] ??= []).push(rule);
  }
  return found;
}
