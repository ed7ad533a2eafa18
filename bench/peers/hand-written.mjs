// The hand-written GraphQL side shared by the peers over hand-written SQL (bare.mjs on node:http,
// apollo-fastify.mjs on Apollo Server + Fastify): a graphql-js schema built by hand, pg and SQL
// selecting only the columns asked for, per-request DataLoaders (one statement per relation per
// request), and the API's authentication (the access token — HS256, issuer, audience — verified
// with jose, then one statement checks that its session is live and the account active).
// Isolation in SQL: audits of the viewer's workspaces, findings of those audits. createAudit
// with the API's statements: hand-written-create.mjs.
// Env: DATABASE_URL, JWT_SECRET.
import { TextEncoder } from 'node:util';
import DataLoader from 'dataloader';
import {
  GraphQLError,
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { jwtVerify } from 'jose';
import pg from 'pg';
import { createAuditField } from './hand-written-create.mjs';

const { DATABASE_URL, JWT_SECRET } = process.env;
if (!DATABASE_URL || !JWT_SECRET) throw new Error('DATABASE_URL and JWT_SECRET are required');
const key = new TextEncoder().encode(JWT_SECRET);
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });
const MAX_PAGE = 100;

const nonNull = (type) => new GraphQLNonNull(type);
const list = (type) => nonNull(new GraphQLList(nonNull(type)));
const pageSize = (first) => {
  const size = first ?? 20;
  if (size < 0 || size > MAX_PAGE) throw new GraphQLError(`first must be between 0 and ${MAX_PAGE}`);
  return size;
};
const edgesOf = (rows) => rows.map((node) => ({ node }));

const User = new GraphQLObjectType({
  name: 'User',
  fields: { id: { type: nonNull(GraphQLID) }, email: { type: nonNull(GraphQLString) } },
});
const Finding = new GraphQLObjectType({
  name: 'Finding',
  fields: {
    id: { type: nonNull(GraphQLID) },
    severity: { type: nonNull(GraphQLString) },
    title: { type: nonNull(GraphQLString) },
  },
});
const FindingConnection = new GraphQLObjectType({
  name: 'FindingConnection',
  fields: {
    // Counted only when asked for, in one statement for the whole page of audits.
    totalCount: { type: nonNull(GraphQLInt), resolve: (c, _, ctx) => ctx.findingCounts.load(c.auditId) },
    edges: {
      type: list(
        new GraphQLObjectType({ name: 'FindingEdge', fields: { node: { type: nonNull(Finding) } } }),
      ),
      resolve: async (c, _, ctx) => edgesOf(await ctx.findings(c.first).load(c.auditId)),
    },
  },
});
const Audit = new GraphQLObjectType({
  name: 'Audit',
  fields: {
    id: { type: nonNull(GraphQLID) },
    url: { type: nonNull(GraphQLString) },
    kind: { type: nonNull(GraphQLString) },
    status: { type: nonNull(GraphQLString) },
    score: { type: GraphQLFloat },
    grade: { type: GraphQLString },
    createdAt: { type: nonNull(GraphQLString), resolve: (audit) => audit.created_at.toISOString() },
    owner: { type: nonNull(User), resolve: (audit, _, ctx) => ctx.users.load(audit.owner_id) },
    findings: {
      type: nonNull(FindingConnection),
      args: { first: { type: GraphQLInt } },
      resolve: (audit, args) => ({ auditId: audit.id, first: pageSize(args.first) }),
    },
  },
});
const AuditConnection = new GraphQLObjectType({
  name: 'AuditConnection',
  fields: {
    edges: {
      type: list(new GraphQLObjectType({ name: 'AuditEdge', fields: { node: { type: nonNull(Audit) } } })),
    },
  },
});

const requireViewer = (ctx) => {
  if (!ctx.viewerId) throw new GraphQLError('Not signed in', { extensions: { code: 'UNAUTHENTICATED' } });
  return ctx.viewerId;
};

export const schema = new GraphQLSchema({
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: { createAudit: createAuditField(Audit, pool, requireViewer) },
  }),
  query: new GraphQLObjectType({
    name: 'Query',
    fields: {
      viewer: { type: User, resolve: (_, __, ctx) => (ctx.viewerId ? ctx.users.load(ctx.viewerId) : null) },
      audits: {
        type: nonNull(AuditConnection),
        args: { first: { type: GraphQLInt } },
        resolve: async (_, args, ctx) => {
          const viewerId = requireViewer(ctx);
          const { rows } = await ctx.query(
            `select a.id, a.url, a.kind, a.status, a.score, a.grade, a.created_at, a.owner_id
               from audits a
              where a.workspace_id in (select m.workspace_id from workspace_members m where m.user_id = $1)
              order by a.created_at desc, a.id desc
              limit $2`,
            [viewerId, pageSize(args.first)],
          );
          return { edges: edgesOf(rows) };
        },
      },
    },
  }),
});

/** The loaders of one request (each batches the keys one resolver tick asks for). */
export function requestContext(viewerId, viewer) {
  const query = (sql, params) => pool.query(sql, params);
  const users = new DataLoader(async (ids) => {
    const { rows } = await query('select id, email from users where id = any($1::uuid[])', [ids]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
  if (viewer) users.prime(viewer.id, viewer);
  const findingCounts = new DataLoader(async (ids) => {
    const { rows } = await query(
      'select audit_id, count(*)::int as n from findings where audit_id = any($1::uuid[]) group by audit_id',
      [ids],
    );
    const byId = new Map(rows.map((row) => [row.audit_id, row.n]));
    return ids.map((id) => byId.get(id) ?? 0);
  });
  const findingPages = new Map();
  const findings = (first) => {
    let loader = findingPages.get(first);
    if (!loader) {
      loader = new DataLoader(async (ids) => {
        const { rows } = await query(
          `select f.audit_id, f.id, f.severity, f.title
             from unnest($1::uuid[]) a(id)
             cross join lateral (select id, audit_id, severity, title from findings
                                  where audit_id = a.id order by rank, id limit $2) f`,
          [ids, first],
        );
        const byAudit = new Map(ids.map((id) => [id, []]));
        for (const row of rows) byAudit.get(row.audit_id).push(row);
        return ids.map((id) => byAudit.get(id));
      });
      findingPages.set(first, loader);
    }
    return loader;
  };
  return { viewerId, query, users, findingCounts, findings };
}

/** The token's user while its session is live and the account active; null without a token. */
export async function authenticate(authorization) {
  const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return null;
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      algorithms: ['HS256'],
      issuer: 'aeo-audit-api',
      audience: 'aeo-audit-api',
      requiredClaims: ['sub', 'sid', 'exp'],
    }));
  } catch {
    throw new GraphQLError('Invalid or expired access token', { extensions: { code: 'UNAUTHENTICATED' } });
  }
  const { rows } = await pool.query(
    `select u.id, u.email from sessions s join users u on u.id = s.user_id
      where s.id = $1 and s.user_id = $2 and s.revoked_at is null and s.expires_at > now()
        and u.deactivated_at is null`,
    [payload.sid, payload.sub],
  );
  if (!rows[0])
    throw new GraphQLError('Session expired or revoked', { extensions: { code: 'UNAUTHENTICATED' } });
  return rows[0];
}
