// The media type of a GraphQL response over HTTP, chosen from the request's Accept header the
// way Apollo Server chooses it (the `negotiator` rules: quality, then specificity, then the order
// of the header, then ours): application/json unless the client prefers the GraphQL over HTTP
// spec's application/graphql-response+json. The status of a request error depends on it.

export const APPLICATION_JSON = 'application/json; charset=utf-8';
export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json; charset=utf-8';
const OFFERED = [
  { type: 'application', subtype: 'json', mediaType: APPLICATION_JSON },
  { type: 'application', subtype: 'graphql-response+json', mediaType: GRAPHQL_RESPONSE_JSON },
];
const OFFERED_PARAMS: Record<string, string> = { charset: 'utf-8' };

interface Range {
  type: string;
  subtype: string;
  params: Record<string, string>;
  q: number;
  order: number;
}

function parseAccept(header: string): Range[] {
  const ranges: Range[] = [];
  header.split(',').forEach((part, order) => {
    const [essence = '', ...rawParams] = part.split(';').map((piece) => piece.trim());
    const [type, subtype] = essence.toLowerCase().split('/');
    if (!type || !subtype) return;
    const params: Record<string, string> = {};
    let q = 1;
    for (const raw of rawParams) {
      const [key = '', value = ''] = raw.split('=').map((piece) => piece.trim());
      const unquoted = value.replace(/^"(.*)"$/, '$1');
      if (key.toLowerCase() === 'q') q = Number.parseFloat(unquoted);
      else if (key) params[key.toLowerCase()] = unquoted.toLowerCase();
    }
    ranges.push({ type, subtype, params, q: Number.isFinite(q) ? q : 0, order });
  });
  return ranges;
}

/** How specifically `range` names the offered type (higher is more specific), or null: no match. */
function specificity(range: Range, offered: (typeof OFFERED)[number]): number | null {
  let s = 0;
  if (range.type === offered.type) s |= 4;
  else if (range.type !== '*') return null;
  if (range.subtype === offered.subtype) s |= 2;
  else if (range.subtype !== '*') return null;
  const keys = Object.keys(range.params);
  if (keys.length) {
    if (!keys.every((key) => range.params[key] === '*' || range.params[key] === OFFERED_PARAMS[key]))
      return null;
    s |= 1;
  }
  return s;
}

/**
 * The response's media type for this Accept header: application/json when there is none, null
 * when it accepts neither JSON type (Apollo then answers 406).
 */
export function responseMediaType(accept: string | undefined): string | null {
  if (!accept) return APPLICATION_JSON;
  const ranges = parseAccept(accept);
  const scored = OFFERED.map((offered, index) => {
    let best: { q: number; s: number; order: number } | null = null;
    for (const range of ranges) {
      const s = specificity(range, offered);
      if (s === null) continue;
      const better =
        !best ||
        s > best.s ||
        (s === best.s && (range.q > best.q || (range.q === best.q && range.order > best.order)));
      if (better) best = { q: range.q, s, order: range.order };
    }
    return { mediaType: offered.mediaType, index, ...(best ?? { q: 0, s: 0, order: 0 }) };
  }).filter((candidate) => candidate.q > 0);
  scored.sort((a, b) => b.q - a.q || b.s - a.s || a.order - b.order || a.index - b.index);
  return scored[0]?.mediaType ?? null;
}
