import {
  ARTICLE_TYPES,
  isEntityType,
  ORGANIZATION_TYPES,
  SCHEMA_RULES,
  type PropertyRule,
} from './schema-rules.js';

/** What one page's JSON-LD says, reduced to the facts the checks need (no raw objects kept). */
export interface JsonLdSummary {
  blocks: number;
  /** Parse errors, e.g. "block 2: Unexpected token } in JSON at position 41". */
  errors: string[];
  types: string[];
  /** e.g. "FAQPage.mainEntity[0].acceptedAnswer" */
  missingRequired: string[];
  missingRecommended: string[];
  sameAs: string[];
  hasAuthor: boolean;
  dateModified?: string;
  datePublished?: string;
  /** `@id`s of the nodes the page defines, resolved against the page URL. */
  ids: string[];
  /** `@id`s the page only refers to (`{ "@id": … }`) and does not define itself. */
  references: string[];
  /** Organizations (any subtype) the page describes, for consistency across pages. */
  organizations: OrganizationFacts[];
  /** What the markup states that the visible page should show too. */
  claims: JsonLdClaims;
}

export interface OrganizationFacts {
  id?: string;
  name?: string;
  url?: string;
  logo?: string;
  sameAs: string[];
}

export interface JsonLdClaims {
  /** Article headlines and Product names. */
  names: { type: string; value: string }[];
  /** Product (or SoftwareApplication) offer prices, AggregateOffer low and high prices included. */
  prices: { value: number; currency?: string }[];
  /** Article datePublished / dateModified as written. */
  dates: { property: 'datePublished' | 'dateModified'; value: string }[];
}

/** Values kept per list: plenty for any page, bounded for hostile ones. */
const MAX_LISTED = 50;

type Node = Record<string, unknown>;

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

function typesOf(node: Node): string[] {
  return asArray(node['@type'])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^https?:\/\/schema\.org\//, ''));
}

const present = (v: unknown): boolean =>
  v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** Top-level entities: arrays and @graph are flattened; nested entities stay with their parent. */
function topLevelNodes(data: unknown): Node[] {
  const out: Node[] = [];
  for (const item of asArray(data)) {
    if (!isNode(item)) continue;
    if (Array.isArray(item['@graph'])) out.push(...topLevelNodes(item['@graph']));
    if (item['@type'] !== undefined) out.push(item);
  }
  return out;
}

/** Nodes of a page by `@id`, so that `{ "@id": "#q1" }` references (Yoast-style @graph) resolve. */
type NodeIndex = Map<string, Node>;

/** Objects visited when indexing one page's JSON-LD; plenty for any real markup. */
const MAX_INDEXED_OBJECTS = 20_000;

const isReference = (v: Node): boolean => typeof v['@id'] === 'string' && Object.keys(v).length === 1;

/**
 * One walk over every object of the page's blocks (iterative: no deep recursion): the nodes with an
 * `@id` (besides the id), and the Organization/Person entities wherever they are nested.
 */
function indexNodes(blocks: unknown[]): { index: NodeIndex; entities: Node[]; references: Set<string> } {
  const index: NodeIndex = new Map();
  const entities: Node[] = [];
  const references = new Set<string>();
  const stack: unknown[] = [];
  // Pushed in reverse so that popping visits in document order; no spread (huge arrays).
  const pushAll = (values: unknown[]) => {
    for (let i = values.length - 1; i >= 0; i--) stack.push(values[i]);
  };
  pushAll(blocks);
  for (let visited = 0; stack.length > 0 && visited < MAX_INDEXED_OBJECTS; visited++) {
    const value = stack.pop();
    if (Array.isArray(value)) pushAll(value);
    else if (isNode(value)) {
      const id = value['@id'];
      if (typeof id === 'string' && !isReference(value) && !index.has(id)) index.set(id, value);
      if (typeof id === 'string' && isReference(value)) references.add(id);
      if (typesOf(value).some(isEntityType)) entities.push(value);
      pushAll(Object.values(value).filter((v) => typeof v === 'object' && v !== null));
    }
  }
  return { index, entities, references };
}

/** A child entity, with an id-only reference replaced by the node it names (when on the page). */
const resolve = (child: unknown, index: NodeIndex): unknown =>
  isNode(child) && isReference(child) ? (index.get(child['@id'] as string) ?? child) : child;

interface Missing {
  required: string[];
  recommended: string[];
}

/**
 * Checks a node against its type's rules, and each nested entity against its own: a child's
 * required properties are required wherever the child is (an Offer without a price is incomplete
 * whether Google requires or recommends the offer itself).
 */
function checkNode(
  node: Node,
  rules: { required: PropertyRule[]; recommended?: PropertyRule[] },
  path: string,
  missing: Missing,
  index: NodeIndex,
  depth = 0,
): void {
  const levels = [
    [rules.required, missing.required],
    [rules.recommended ?? [], missing.recommended],
  ] as const;
  for (const [list, out] of levels) {
    for (const rule of list) {
      const names = asArray(rule.property) as string[];
      const found = names.find((name) => present(node[name]));
      if (!found) {
        out.push(`${path}.${names.join('|')}`);
        continue;
      }
      if (!rule.nested || depth > 4) continue;
      const nested = rule.nested;
      asArray(node[found]).forEach((raw, i) => {
        const child = resolve(raw, index);
        if (isNode(child)) checkNode(child, nested, `${path}.${found}[${i}]`, missing, index, depth + 1);
      });
    }
  }
}

function firstString(v: unknown): string | undefined {
  const first = asArray(v)[0];
  return typeof first === 'string' ? first : undefined;
}

function absolute(url: string, base: string | undefined): string {
  if (!base || url.startsWith('_:')) return url;
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

/** A URL given as text, or as an ImageObject/reference with url or contentUrl. */
function urlOf(v: unknown, index: NodeIndex): string | undefined {
  const value = resolve(asArray(v)[0], index);
  if (typeof value === 'string') return value.trim() || undefined;
  if (isNode(value)) return firstString(value['url']) ?? firstString(value['contentUrl']);
  return undefined;
}

/** A price as JSON-LD writes it: a number, or a string of digits with a dot decimal ("49.00"). */
function priceOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

function offerPrices(offers: unknown, index: NodeIndex, out: JsonLdClaims['prices']): void {
  for (const raw of asArray(offers)) {
    const offer = resolve(raw, index);
    if (!isNode(offer)) continue;
    const currency = firstString(offer['priceCurrency']);
    for (const key of ['price', 'lowPrice', 'highPrice']) {
      const value = priceOf(offer[key]);
      if (value !== undefined && out.length < MAX_LISTED) out.push({ value, currency });
    }
  }
}

const PRICED_TYPES = new Set(['Product', 'SoftwareApplication', 'MobileApplication', 'WebApplication']);

function collectClaims(node: Node, types: string[], index: NodeIndex, claims: JsonLdClaims): void {
  const article = types.some((t) => ARTICLE_TYPES.has(t));
  const priced = types.find((t) => PRICED_TYPES.has(t));
  if (article) {
    const headline = firstString(node['headline']);
    if (headline) claims.names.push({ type: 'headline', value: headline });
    for (const property of ['datePublished', 'dateModified'] as const) {
      const value = firstString(node[property]);
      if (value) claims.dates.push({ property, value });
    }
  }
  if (priced) {
    const name = firstString(node['name']);
    if (name) claims.names.push({ type: `${priced} name`, value: name });
    offerPrices(node['offers'], index, claims.prices);
  }
}

function organizationFacts(node: Node, index: NodeIndex, base: string | undefined): OrganizationFacts {
  const id = typeof node['@id'] === 'string' ? absolute(node['@id'], base) : undefined;
  const url = firstString(node['url']);
  const logo = urlOf(node['logo'], index);
  return {
    id,
    name: firstString(node['name'])?.trim(),
    url: url ? absolute(url, base) : undefined,
    logo: logo ? absolute(logo, base) : undefined,
    sameAs: asArray(node['sameAs']).filter((s): s is string => typeof s === 'string'),
  };
}

const isOrganization = (node: Node): boolean =>
  typesOf(node).some((t) => ORGANIZATION_TYPES.has(t) || /Organization$/.test(t));

/** `baseUrl` (the page's URL) resolves relative `@id`s and URLs; without it they stay as written. */
export function summarizeJsonLd(rawBlocks: string[], baseUrl?: string): JsonLdSummary {
  const summary: JsonLdSummary = {
    blocks: rawBlocks.length,
    errors: [],
    types: [],
    missingRequired: [],
    missingRecommended: [],
    sameAs: [],
    hasAuthor: false,
    ids: [],
    references: [],
    organizations: [],
    claims: { names: [], prices: [], dates: [] },
  };
  const parsed: unknown[] = [];
  rawBlocks.forEach((raw, index) => {
    try {
      parsed.push(JSON.parse(raw));
    } catch (err) {
      summary.errors.push(`block ${index + 1}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  const { index, entities, references } = indexNodes(parsed);
  for (const node of parsed.flatMap(topLevelNodes)) {
    for (const type of typesOf(node)) {
      summary.types.push(type);
      const rules = SCHEMA_RULES[type];
      if (rules) {
        const missing = { required: summary.missingRequired, recommended: summary.missingRecommended };
        checkNode(node, rules, type, missing, index);
      }
      if (ARTICLE_TYPES.has(type) && present(node['author'])) summary.hasAuthor = true;
    }
    collectClaims(node, typesOf(node), index, summary.claims);
    summary.dateModified ??= firstString(node['dateModified']);
    summary.datePublished ??= firstString(node['datePublished']);
  }
  // sameAs from every Organization (any subtype) or Person, nested ones (publisher, author) included.
  for (const node of entities) {
    summary.sameAs.push(...asArray(node['sameAs']).filter((s): s is string => typeof s === 'string'));
  }
  summary.sameAs = [...new Set(summary.sameAs)];
  summary.organizations = entities
    .filter(isOrganization)
    .slice(0, MAX_LISTED)
    .map((node) => organizationFacts(node, index, baseUrl));
  summary.ids = [...index.keys()].slice(0, MAX_LISTED * 4).map((id) => absolute(id, baseUrl));
  summary.references = [...references]
    .filter((id) => !index.has(id))
    .slice(0, MAX_LISTED)
    .map((id) => absolute(id, baseUrl));
  summary.types = [...new Set(summary.types)];
  return summary;
}
