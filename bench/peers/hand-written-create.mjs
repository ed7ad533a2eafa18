// createAudit for the peers over hand-written SQL: the API's statements, by hand, on pg. In
// the viewer's personal workspace: its id, then one transaction — the plan and the advisory
// locks (workspace, then person), the quota counters, the usage row, the audit, its pg-boss job
// (pg-boss's own `send` on the transaction's connection, as the API does) — and `commit`. The
// quotas are the FREE plan's as the bench sets them (no limit that the load would reach), so
// the checks are the comparisons and nothing else. What is left out: input validation beyond
// the schema's, rate limits, security events, progress announcements, logs.
// Env: DATABASE_URL (with `pool` from hand-written.mjs).
import { randomUUID } from 'node:crypto';
import { URL } from 'node:url';
import {
  GraphQLEnumType,
  GraphQLError,
  GraphQLInputObjectType,
  GraphQLNonNull,
  GraphQLString,
} from 'graphql';
import { PgBoss } from 'pg-boss';

const LOCK_NAMESPACE = 0x4151756f; // the API's quota lock namespace ("AQuo")
const DAY_MS = 24 * 60 * 60 * 1000;
const SQL = {
  personalWorkspace: 'select id from workspaces where personal_owner_id = $1',
  planThenLock: `select p.plan, pg_advisory_xact_lock($1, hashtext($2::text)) is null as workspace_locked,
      case when p.plan = 'FREE' then pg_advisory_xact_lock($1, hashtext($3::text)) is null end as person_locked
    from (select coalesce((select plan::text from workspace_plans where workspace_id = $4), 'FREE') as plan) p`,
  counters: `select
      (select count(*) from audits where workspace_id = $1 and status in ('QUEUED', 'RUNNING')) as workspace_active,
      w.count as workspace_today,
      (select count(*) from audits a left join workspace_plans p on p.workspace_id = a.workspace_id
        where a.owner_id = $2 and a.status in ('QUEUED', 'RUNNING') and coalesce(p.plan, 'FREE') = 'FREE') as person_active,
      u.count as person_today
    from (select count(*) as count from audit_quota_usage where workspace_id = $1 and created_at > $3) w,
         (select count(*) as count from audit_quota_usage where user_id = $2 and plan = 'FREE' and created_at > $3) u`,
  record: `with pruned as (delete from audit_quota_usage where (workspace_id = $1 or user_id = $2) and created_at <= $3)
    insert into audit_quota_usage (id, workspace_id, user_id, plan, created_at) values ($4, $1, $2, $5, now())`,
  insertAudit: `insert into audits (id, workspace_id, owner_id, kind, url, input, stage, categories, job_id, created_at, updated_at)
    values ($1, $2, $3, $4::audit_kind, $5, $6::jsonb, 'Queued', '[]'::jsonb, $7, now(), now())
    returning id, status`,
};
/** The bench lifts the FREE plan's limits this far (PLAN_FREE_*); the checks still run. */
const LIMIT = 1_000_000_000;

let boss;
const startedBoss = () =>
  (boss ??= (async () => {
    const started = new PgBoss({
      connectionString: process.env.DATABASE_URL,
      max: 1,
      supervise: false,
      schedule: false,
      migrate: false,
    });
    started.on('error', (error) => console.error(error));
    await started.start();
    return started;
  })());

const AuditKind = new GraphQLEnumType({ name: 'AuditKind', values: { SITE: {}, VISIBILITY: {} } });
const CreateAuditInput = new GraphQLInputObjectType({
  name: 'CreateAuditInput',
  fields: { kind: { type: new GraphQLNonNull(AuditKind) }, url: { type: new GraphQLNonNull(GraphQLString) } },
});

/** The `createAudit` mutation field, given the Audit type and the pool. */
export function createAuditField(Audit, pool, requireViewer) {
  return {
    type: new GraphQLNonNull(Audit),
    args: { input: { type: new GraphQLNonNull(CreateAuditInput) } },
    resolve: async (_, { input }, ctx) => {
      const userId = requireViewer(ctx);
      let url;
      try {
        url = new URL(input.url).href;
      } catch {
        throw new GraphQLError('Invalid input: url', { extensions: { code: 'BAD_USER_INPUT' } });
      }
      const pgBoss = await startedBoss();
      const { rows: workspaces } = await pool.query(SQL.personalWorkspace, [userId]);
      const workspaceId = workspaces[0]?.id;
      if (!workspaceId) throw new GraphQLError('No workspace', { extensions: { code: 'FORBIDDEN' } });
      const client = await pool.connect();
      try {
        await client.query('begin');
        const { rows: plans } = await client.query(SQL.planThenLock, [
          LOCK_NAMESPACE,
          workspaceId,
          `user:${userId}`,
          workspaceId,
        ]);
        const since = new Date(Date.now() - DAY_MS);
        const { rows: counters } = await client.query(SQL.counters, [workspaceId, userId, since]);
        const row = counters[0];
        if (
          Math.max(row.workspace_active, row.person_active) >= LIMIT ||
          Math.max(row.workspace_today, row.person_today) >= LIMIT
        )
          throw new GraphQLError('Quota exceeded', { extensions: { code: 'QUOTA_EXCEEDED' } });
        await client.query(SQL.record, [workspaceId, userId, since, randomUUID(), plans[0].plan]);
        const auditId = randomUUID();
        const jobId = randomUUID();
        const { rows: audits } = await client.query(SQL.insertAudit, [
          auditId,
          workspaceId,
          userId,
          input.kind,
          url,
          JSON.stringify({ url }),
          jobId,
        ]);
        await pgBoss.send(
          'audit-run',
          { auditId },
          {
            id: jobId,
            db: { executeSql: async (text, values) => ({ rows: (await client.query(text, values)).rows }) },
          },
        );
        await client.query('commit');
        return audits[0];
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}
