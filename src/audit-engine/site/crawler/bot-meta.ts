import { AI_BOTS } from '../ai-bots.js';

// Robots meta tags addressed to one crawler by name (<meta name="GPTBot" content="noindex">), read
// from the start of the raw HTML. Page analysis (page/extract.ts) merges the generic robots,
// googlebot and bingbot tags into one list; per-bot directives need the name kept. The scan is a
// single linear pass over a bounded prefix (the head) with indexOf, no regular expression over the
// document (a regex like <meta[^>]*> is quadratic on thousands of unclosed "<meta "), and tags
// longer than MAX_TAG_CHARS are skipped: cheap enough for the event loop (docs/adr/0014).

/** HTML scanned for meta tags: the <head> of any real page fits. */
export const META_SCAN_CHARS = 64 * 1024;

const NAMES = new Set(['robots', ...AI_BOTS.map((b) => b.token.toLowerCase())]);
/** A meta tag longer than this is not a robots tag anyone wrote. */
const MAX_TAG_CHARS = 2_048;
/** Robots rules that take a value after a colon (Google's robots meta tag documentation). */
const VALUED_RULES = new Set(['max-snippet', 'max-image-preview', 'max-video-preview', 'unavailable_after']);
/** Meta tags examined at most: a real head has a few dozen. */
const MAX_TAGS = 500;
const attributePattern = (name: string) =>
  new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i');
const ATTRIBUTES = { name: attributePattern('name'), content: attributePattern('content') };
const attribute = (tag: string, name: keyof typeof ATTRIBUTES): string | undefined =>
  ATTRIBUTES[name]
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined);

/** Lower-cased meta name (robots or a known bot token) → its lower-cased directives, in order. */
export function botMetaDirectives(html: string): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  const head = html.slice(0, META_SCAN_CHARS);
  const lower = head.toLowerCase();
  for (let at = lower.indexOf('<meta'), tags = 0; at >= 0 && tags < MAX_TAGS; tags++) {
    const end = lower.indexOf('>', at);
    if (end < 0) break;
    const tag = head.slice(at, end + 1);
    at = lower.indexOf('<meta', end + 1);
    if (tag.length > MAX_TAG_CHARS || !/^<meta[\s/>]/i.test(tag)) continue;
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
