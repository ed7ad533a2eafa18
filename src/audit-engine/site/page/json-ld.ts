import { ARTICLE_TYPES, isEntityType, SCHEMA_RULES, type PropertyRule } from './schema-rules.js';

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
}

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
function indexNodes(blocks: unknown[]): { index: NodeIndex; entities: Node[] } {
  const index: NodeIndex = new Map();
  const entities: Node[] = [];
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
      if (typesOf(value).some(isEntityType)) entities.push(value);
      pushAll(Object.values(value).filter((v) => typeof v === 'object' && v !== null));
    }
  }
  return { index, entities };
}

/** A child entity, with an id-only reference replaced by the node it names (when on the page). */
const resolve = (child: unknown, index: NodeIndex): unknown =>
  isNode(child) && isReference(child) ? (index.get(child['@id'] as string) ?? child) : child;

function checkRules(
  node: Node,
  rules: PropertyRule[],
  path: string,
  missing: string[],
  index: NodeIndex,
): void {
  for (const rule of rules) {
    const names = asArray(rule.property) as string[];
    const found = names.find((name) => present(node[name]));
    if (!found) {
      missing.push(`${path}.${names.join('|')}`);
      continue;
    }
    if (rule.nested) {
      asArray(node[found]).forEach((raw, i) => {
        const child = resolve(raw, index);
        if (isNode(child))
          checkRules(child, rule.nested?.required ?? [], `${path}.${found}[${i}]`, missing, index);
      });
    }
  }
}

function checkRecommended(
  node: Node,
  rules: PropertyRule[],
  path: string,
  missing: string[],
  index: NodeIndex,
): void {
  for (const rule of rules) {
    const names = asArray(rule.property) as string[];
    const found = names.find((name) => present(node[name]));
    if (!found) missing.push(`${path}.${names.join('|')}`);
    else if (rule.nested?.recommended) {
      asArray(node[found]).forEach((raw, i) => {
        const child = resolve(raw, index);
        if (isNode(child))
          checkRules(child, rule.nested?.recommended ?? [], `${path}.${found}[${i}]`, missing, index);
      });
    }
  }
}

function firstString(v: unknown): string | undefined {
  const first = asArray(v)[0];
  return typeof first === 'string' ? first : undefined;
}

export function summarizeJsonLd(rawBlocks: string[]): JsonLdSummary {
  const summary: JsonLdSummary = {
    blocks: rawBlocks.length,
    errors: [],
    types: [],
    missingRequired: [],
    missingRecommended: [],
    sameAs: [],
    hasAuthor: false,
  };
  const parsed: unknown[] = [];
  rawBlocks.forEach((raw, index) => {
    try {
      parsed.push(JSON.parse(raw));
    } catch (err) {
      summary.errors.push(`block ${index + 1}: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
  const { index, entities } = indexNodes(parsed);
  for (const node of parsed.flatMap(topLevelNodes)) {
    for (const type of typesOf(node)) {
      summary.types.push(type);
      const rules = SCHEMA_RULES[type];
      if (rules) {
        checkRules(node, rules.required, type, summary.missingRequired, index);
        checkRecommended(node, rules.recommended, type, summary.missingRecommended, index);
      }
      if (ARTICLE_TYPES.has(type) && present(node['author'])) summary.hasAuthor = true;
    }
    summary.dateModified ??= firstString(node['dateModified']);
    summary.datePublished ??= firstString(node['datePublished']);
  }
  // sameAs from every Organization (any subtype) or Person, nested ones (publisher, author) included.
  for (const node of entities) {
    summary.sameAs.push(...asArray(node['sameAs']).filter((s): s is string => typeof s === 'string'));
  }
  summary.sameAs = [...new Set(summary.sameAs)];
  summary.types = [...new Set(summary.types)];
  return summary;
}
