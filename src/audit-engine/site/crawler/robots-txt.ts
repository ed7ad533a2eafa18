// robots.txt parsing and matching as RFC 9309 defines them: parsing is linear in the file; a
// question looks plain rules up by the few lengths they have (not one by one) and matches
// wildcard rules without backtracking, whatever the patterns (see docs/adr/0008).

import { yielder } from '../../cooperative.js';

/** One group's rules, indexed for matching. */
interface Group {
  /** Rules without wildcards: a prefix match; `true` when an Allow has this exact pattern. */
  prefixes: Map<string, boolean>;
  /** The lengths the prefix rules have, longest first: a question tries only these. */
  prefixLengths: number[];
  /** Rules ending in `$` without other wildcards: an exact match of the whole path. */
  exact: Map<string, boolean>;
  /** Rules with `*`, longest pattern first (the longest match wins). */
  wildcards: WildcardRule[];
  crawlDelay?: number;
}

interface WildcardRule {
  allow: boolean;
  /** The pattern's length in octets, as RFC 9309 §2.2.2 ranks matches. */
  length: number;
  /** The pattern split at `*` (a trailing `$` removed, see `anchored`). */
  segments: string[];
  anchored: boolean;
}

interface Decision {
  allow: boolean;
  length: number;
}

/** Decisions remembered per group: crawls and bot tables ask the same paths again and again. */
const MEMO_LIMIT = 10_000;

const newGroup = (): Group => ({ prefixes: new Map(), prefixLengths: [], exact: new Map(), wildcards: [] });

/**
 * The product token a `User-agent:` value names: its leading letters, `_` and `-`, lower-cased
 * (RFC 9309 §2.2.1); `*` is the catch-all group.
 */
function agentToken(value: string): string | undefined {
  if (value.startsWith('*')) return '*';
  return /^[a-z_-]+/i.exec(value)?.[0]?.toLowerCase();
}

/**
 * A path or pattern in the form the comparison uses: characters outside US-ASCII percent-encoded
 * as UTF-8, and every percent-escape upper-cased (RFC 9309 §2.2.2).
 */
export function normalizeRobotsPath(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    out += code > 0x7e || code < 0x21 ? encodeURIComponent(ch) : ch;
  }
  return out.replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());
}

function addRule(group: Group, allow: boolean, rawPattern: string): void {
  const pattern = normalizeRobotsPath(rawPattern);
  if (pattern === '') return; // "Disallow:" with no path allows everything: no rule.
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  if (!body.includes('*')) {
    const index = anchored ? group.exact : group.prefixes;
    index.set(body, (index.get(body) ?? false) || allow);
    if (!anchored) group.prefixLengths.push(body.length);
    return;
  }
  group.wildcards.push({ allow, length: pattern.length, segments: body.split('*'), anchored });
}

/** Whether `path` matches a pattern of `*`-separated segments: greedy, leftmost, no backtracking. */
function wildcardMatches(rule: WildcardRule, path: string): boolean {
  const { segments, anchored } = rule;
  const first = segments[0] ?? '';
  if (!path.startsWith(first)) return false;
  let position = first.length;
  const last = segments.length - 1;
  for (let i = 1; i < last; i++) {
    const segment = segments[i] ?? '';
    const at = path.indexOf(segment, position);
    if (at < 0) return false;
    position = at + segment.length;
  }
  const tail = segments[last] ?? '';
  if (anchored) return path.length - tail.length >= position && path.endsWith(tail);
  return path.includes(tail, position);
}

function better(current: Decision | undefined, candidate: Decision): Decision {
  if (!current || candidate.length > current.length) return candidate;
  // Equally specific Allow and Disallow: Allow wins (RFC 9309 §2.2.2).
  if (candidate.length === current.length && candidate.allow) return candidate;
  return current;
}

function decide(group: Group, path: string): Decision | undefined {
  let best: Decision | undefined;
  const exact = group.exact.get(path);
  if (exact !== undefined) best = { allow: exact, length: path.length + 1 };
  for (const length of group.prefixLengths) {
    if (length > path.length) continue;
    const allow = group.prefixes.get(path.slice(0, length));
    if (allow !== undefined) {
      best = better(best, { allow, length });
      break;
    }
  }
  for (const rule of group.wildcards) {
    if (best && rule.length < best.length) break;
    if (wildcardMatches(rule, path)) best = better(best, { allow: rule.allow, length: rule.length });
  }
  return best;
}

export class RobotsTxt {
  private readonly groups = new Map<string, Group & { name: string }>();
  private readonly memo = new Map<Group, Map<string, boolean>>();
  readonly sitemaps: string[] = [];

  private constructor() {}

  /** Parses at once (tests, small files). */
  static fromText(text: string): RobotsTxt {
    const robots = new RobotsTxt();
    const lines = robots.read(text);
    while (!lines.next().done);
    return robots;
  }

  /** Parses giving the event loop back as it goes: a 500 KiB file takes tens of milliseconds. */
  static async parse(text: string): Promise<RobotsTxt> {
    const robots = new RobotsTxt();
    const pause = yielder();
    for (const lines = robots.read(text); !lines.next().done;) await pause();
    return robots;
  }

  /** Reads the file into groups, yielding after each line. */
  private *read(text: string): Generator<void, void> {
    let current: Group[] = [];
    let inAgentLines = false;
    for (const rawLine of text.split(/\r\n|\r|\n/)) {
      yield;
      const hash = rawLine.indexOf('#');
      const line = hash >= 0 ? rawLine.slice(0, hash) : rawLine;
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const key = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (key === 'user-agent') {
        // Consecutive User-agent lines share one group; one after rules starts the next group.
        if (!inAgentLines) current = [];
        inAgentLines = true;
        const token = agentToken(value);
        if (token === undefined) continue;
        let group = this.groups.get(token);
        if (!group) this.groups.set(token, (group = { ...newGroup(), name: token }));
        current.push(group);
        continue;
      }
      if (key === 'sitemap') {
        if (value) this.sitemaps.push(value);
        continue;
      }
      inAgentLines = false;
      if (key === 'allow' || key === 'disallow') {
        for (const group of current) addRule(group, key === 'allow', value);
      } else if (key === 'crawl-delay') {
        const seconds = Number(value);
        if (Number.isFinite(seconds) && seconds >= 0) for (const group of current) group.crawlDelay = seconds;
      }
    }
    for (const group of this.groups.values()) {
      yield;
      group.wildcards.sort((a, b) => b.length - a.length);
      group.prefixLengths = [...new Set(group.prefixLengths)].sort((a, b) => b - a);
    }
  }

  /** The group a crawler obeys: the one naming its product token, else `*`, else none. */
  private groupFor(token: string): Group | undefined {
    return this.groups.get(token.toLowerCase()) ?? this.groups.get('*');
  }

  /**
   * Whether the crawler with product token `token` may fetch `pathAndQuery` (the URL's path and
   * query, as a WHATWG URL encodes them). `/robots.txt` itself is always allowed.
   */
  isAllowed(pathAndQuery: string, token: string): boolean {
    const group = this.groupFor(token);
    if (!group) return true;
    const path = normalizeRobotsPath(pathAndQuery);
    if (path === '/robots.txt') return true;
    let memo = this.memo.get(group);
    if (!memo) this.memo.set(group, (memo = new Map<string, boolean>()));
    const known = memo.get(path);
    if (known !== undefined) return known;
    const allowed = decide(group, path)?.allow ?? true;
    if (memo.size < MEMO_LIMIT) memo.set(path, allowed);
    return allowed;
  }

  /** The `User-agent` value of the group a crawler obeys (lower-cased, `*` for the catch-all), or undefined. */
  groupName(token: string): string | undefined {
    return (this.groups.get(token.toLowerCase()) ?? this.groups.get('*'))?.name;
  }

  /** The Crawl-delay (seconds) of the crawler's group, when it has one (not part of RFC 9309). */
  crawlDelay(token: string): number | undefined {
    return this.groupFor(token)?.crawlDelay;
  }
}
