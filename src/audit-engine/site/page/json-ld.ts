import { ARTICLE_TYPES, SCHEMA_RULES, type PropertyRule } from './schema-rules.js';

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

function checkRules(node: Node, rules: PropertyRule[], path: string, missing: string[]): void {
  for (const rule of rules) {
    const names = asArray(rule.property) as string[];
    const found = names.find((name) => present(node[name]));
    if (!found) {
      missing.push(`${path}.${names.join('|')}`);
      continue;
    }
    if (rule.nested) {
      asArray(node[found]).forEach((child, i) => {
        if (isNode(child)) checkRules(child, rule.nested?.required ?? [], `${path}.${found}[${i}]`, missing);
      });
    }
  }
}

function checkRecommended(node: Node, rules: PropertyRule[], path: string, missing: string[]): void {
  for (const rule of rules) {
    const names = asArray(rule.property) as string[];
    const found = names.find((name) => present(node[name]));
    if (!found) missing.push(`${path}.${names.join('|')}`);
    else if (rule.nested?.recommended) {
      asArray(node[found]).forEach((child, i) => {
        if (isNode(child))
          checkRules(child, rule.nested?.recommended ?? [], `${path}.${found}[${i}]`, missing);
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
  rawBlocks.forEach((raw, index) => {
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (err) {
      summary.errors.push(`block ${index + 1}: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    for (const node of topLevelNodes(data)) {
      for (const type of typesOf(node)) {
        summary.types.push(type);
        const rules = SCHEMA_RULES[type];
        if (rules) {
          checkRules(node, rules.required, type, summary.missingRequired);
          checkRecommended(node, rules.recommended, type, summary.missingRecommended);
        }
        if (type === 'Organization' || type === 'LocalBusiness' || type === 'Person') {
          summary.sameAs.push(...asArray(node['sameAs']).filter((s): s is string => typeof s === 'string'));
        }
        if (ARTICLE_TYPES.has(type) && present(node['author'])) summary.hasAuthor = true;
      }
      summary.dateModified ??= firstString(node['dateModified']);
      summary.datePublished ??= firstString(node['datePublished']);
    }
  });
  summary.types = [...new Set(summary.types)];
  return summary;
}
