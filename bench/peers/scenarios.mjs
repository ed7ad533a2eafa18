// The read-path scenarios in each server's dialect, and how each answer is brought to one
// canonical JSON (raw UUIDs, ISO times, the same nesting) to be compared with the reference the
// runner computes from the database itself.
import { Buffer } from 'node:buffer';

const FINDINGS_PER_AUDIT = 5;

export const QUERIES = {
  dashboard: {
    api: `query Dashboard($n: Int!) { audits(first: $n, orderBy: { field: CREATED_AT, direction: DESC }) {
  edges { node { id url kind status score grade createdAt owner { id email }
    findings(first: ${FINDINGS_PER_AUDIT}) { totalCount edges { node { id severity title } } } } } } }`,
    postgraphile: `query Dashboard($n: Int!) { allAudits(first: $n, orderBy: [CREATED_AT_DESC, ROW_ID_DESC]) {
  edges { node { rowId url kind status score grade createdAt userByOwnerId { rowId email }
    findingsByAuditId(first: ${FINDINGS_PER_AUDIT}, orderBy: [RANK_ASC, ROW_ID_ASC]) {
      totalCount edges { node { rowId severity title } } } } } } }`,
    bare: `query Dashboard($n: Int!) { audits(first: $n) {
  edges { node { id url kind status score grade createdAt owner { id email }
    findings(first: ${FINDINGS_PER_AUDIT}) { totalCount edges { node { id severity title } } } } } } }`,
  },
  floor: {
    api: `query Floor { viewer { id } }`,
    postgraphile: `query Floor { viewer { rowId } }`,
    bare: `query Floor { viewer { id } }`,
  },
};

export const FINDINGS_PER_AUDIT_IN_QUERY = FINDINGS_PER_AUDIT;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A raw UUID, or the UUID inside the API's opaque global id base64url("Type:uuid"). */
export function rawId(id) {
  if (typeof id !== 'string') return id;
  if (UUID.test(id)) return id.toLowerCase();
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const match = /^[A-Za-z]+:([0-9a-f-]{36})$/i.exec(decoded);
  return match ? match[1].toLowerCase() : id;
}

const iso = (value) => (value == null ? value : new Date(value).toISOString());

/** The canonical audit: the runner builds the reference with this same function. */
export function canonicalAudit(a) {
  return {
    id: rawId(a.id),
    url: a.url,
    kind: a.kind,
    status: a.status,
    score: a.score ?? null,
    grade: a.grade ?? null,
    createdAt: iso(a.createdAt),
    owner: { id: rawId(a.owner.id), email: a.owner.email },
    findings: {
      totalCount: a.findings.totalCount,
      items: a.findings.items.map((f) => ({ id: rawId(f.id), severity: f.severity, title: f.title })),
    },
  };
}

const NORMALISE = {
  dashboard: {
    api: (data) => ({
      audits: data.audits.edges.map(({ node }) =>
        canonicalAudit({
          ...node,
          findings: { totalCount: node.findings.totalCount, items: node.findings.edges.map((e) => e.node) },
        }),
      ),
    }),
    postgraphile: (data) => ({
      audits: data.allAudits.edges.map(({ node }) =>
        canonicalAudit({
          ...node,
          id: node.rowId,
          owner: { id: node.userByOwnerId.rowId, email: node.userByOwnerId.email },
          findings: {
            totalCount: node.findingsByAuditId.totalCount,
            items: node.findingsByAuditId.edges.map((e) => ({ ...e.node, id: e.node.rowId })),
          },
        }),
      ),
    }),
  },
  floor: {
    api: (data) => ({ viewer: data.viewer && { id: rawId(data.viewer.id) } }),
    postgraphile: (data) => ({ viewer: data.viewer && { id: rawId(data.viewer.rowId) } }),
  },
};
NORMALISE.dashboard.bare = NORMALISE.dashboard.api;
NORMALISE.floor.bare = NORMALISE.floor.api;

/**
 * Judges one response body: 'ok', 'graphql-error' (errors in the body, or no data) or
 * 'mismatch' (data that differs from the reference once normalised).
 */
export function judge(scenario, dialect, body, expectedJson) {
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'mismatch';
  }
  if (parsed.errors?.length || !parsed.data) return 'graphql-error';
  try {
    return JSON.stringify(NORMALISE[scenario][dialect](parsed.data)) === expectedJson ? 'ok' : 'mismatch';
  } catch {
    return 'mismatch';
  }
}
