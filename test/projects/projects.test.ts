// Projects: CRUD under workspace roles, plan limits, runs by hand, and scheduled runs that start
// exactly once per tick with two API replicas on one database, survive a restart, run once after
// downtime, skip paused projects and record the runs a quota refuses.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CreateProjectDocument,
  ProjectDocument,
  RunProjectDocument,
  UpdateProjectDocument,
  type CreateProjectInput,
} from '../../client/generated/graphql.js';
import { fromGlobalId } from '../../src/common/global-id.js';
import { Audit, AuditStatus } from '../../src/modules/audits/audit.entity.js';
import { Project } from '../../src/modules/projects/project.entity.js';
import { WorkspaceRole } from '../../src/modules/workspaces/workspace.entity.js';
import { register, type Account } from '../helpers/accounts.js';
import { errorCode, startTestServer, type GraphQLResponse, type TestServer } from '../helpers/test-server.js';
import { addMember } from '../workspaces/helpers.js';

const codeOf = (response: GraphQLResponse) => (errorCode(response) as string | undefined) ?? 'ok';
const SITE_PROJECT: CreateProjectInput = { name: 'Acme', url: 'https://acme.example', kinds: ['SITE'] };

let server: TestServer;
let owner: Account;

async function create(account: Account, input: CreateProjectInput) {
  const response = await server.gql(CreateProjectDocument, { input }, { token: account.accessToken });
  expect(response.errors).toBeUndefined();
  return response.data!.createProject;
}

const localId = (id: string) => fromGlobalId(id, 'Project').id;
const auditsOf = (em: TestServer['orm']['em'], projectId: string) =>
  em.fork().count(Audit, { projectId: localId(projectId) });

/** A finding of a stored report, about one page. */
const finding = (checkId: string, url: string, severity: 'HIGH' | 'LOW' = 'HIGH') => ({
  checkId,
  category: 'basics',
  severity,
  title: `${checkId} on ${url}`,
  detail: 'seen',
  recommendation: 'fix it',
  urls: [url],
  pointsLost: 1,
});

/** A stored report: `result` over a C grade with no categories and no findings. */
const reportOf = (result: Record<string, unknown>) =>
  ({ grade: 'C', categories: [], findings: [], ...result }) as never;

/**
 * Ends an audit the way the worker does: claimed, then stored as SUCCEEDED with the report, or
 * as FAILED with `failed` as the error. Returns the attempt.
 */
async function endAudit(
  auditId: string,
  result: Record<string, unknown> | { failed: string },
): Promise<number> {
  const { lifecycle } = server.app;
  const id = fromGlobalId(auditId, 'Audit').id;
  const { attempt } = (await lifecycle.claim(server.orm.em.fork(), id))!;
  if ('failed' in result) {
    await lifecycle.finish(server.orm.em.fork(), id, attempt, AuditStatus.FAILED, {
      stage: 'Failed',
      error: String(result.failed),
    });
  } else {
    await lifecycle.succeed(server.orm.em.fork(), id, attempt, reportOf(result));
  }
  return attempt;
}

/** Runs the project by hand and ends each of its audits with `result`: their ids. */
async function runAndEnd(
  account: Account,
  projectId: string,
  result: Record<string, unknown> | { failed: string },
): Promise<string[]> {
  const run = await server.gql(RunProjectDocument, { id: projectId }, { token: account.accessToken });
  const ids: string[] = run.data!.runProject.map((a: { id: string }) => a.id);
  for (const id of ids) await endAudit(id, result);
  return ids;
}

beforeAll(async () => {
  server = await startTestServer({
    runWorker: false,
    env: {
      PLAN_FREE_MAX_PROJECTS: '4',
      PLAN_FREE_CONCURRENT_AUDITS: '100',
      PLAN_FREE_AUDITS_PER_DAY: '100',
      // An engine configured, so that VISIBILITY runs can be created (nothing runs: no worker).
      OPENAI_API_KEY: 'sk-test-not-used',
    },
  });
  owner = await register(server, { name: 'Owner' });
});

afterAll(async () => {
  await server?.close();
});

describe('a project', () => {
  it('is created with its schedule read in its time zone, and read back', async () => {
    const before = Date.now();
    const project = await create(owner, {
      ...SITE_PROJECT,
      schedule: '0 6 * * *',
      timezone: 'Europe/Paris',
      alertRules: [{ kind: 'SCORE_BELOW', threshold: 60 }],
    });
    expect(project).toMatchObject({
      name: 'Acme',
      url: 'https://acme.example/',
      kinds: ['SITE'],
      schedule: '0 6 * * *',
      timezone: 'Europe/Paris',
      paused: false,
      lastRunAt: null,
      owner: { id: owner.user.id },
      alertRules: [{ kind: 'SCORE_BELOW', threshold: 60, severity: null }],
    });
    const next = new Date(project.nextRunAt!);
    expect(next.getTime()).toBeGreaterThan(before);
    expect(next.getTime() - before).toBeLessThanOrEqual(24 * 3600e3);
    // 06:00 in Paris is 05:00 UTC in winter, 04:00 in summer.
    expect([4, 5]).toContain(next.getUTCHours());
    expect(next.getUTCMinutes()).toBe(0);

    const listed = await server.gql(
      `{ projects(first: 10) { totalCount edges { node { id } } } }`,
      {},
      {
        token: owner.accessToken,
      },
    );
    expect(listed.data!.projects.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(project.id);
    const node = await server.gql(
      `query ($id: ID!) { node(id: $id) { ... on Project { name } } }`,
      { id: project.id },
      {
        token: owner.accessToken,
      },
    );
    expect(node.data?.node).toEqual({ name: 'Acme' });
  });

  it('pausing clears nextRunAt; resuming sets it again', async () => {
    const project = await create(owner, { ...SITE_PROJECT, schedule: '30 2 * * 1' });
    const paused = await server.gql(
      UpdateProjectDocument,
      { id: project.id, input: { paused: true } },
      { token: owner.accessToken },
    );
    expect(paused.data!.updateProject).toMatchObject({
      paused: true,
      nextRunAt: null,
      schedule: '30 2 * * 1',
    });
    const resumed = await server.gql(
      UpdateProjectDocument,
      { id: project.id, input: { paused: false } },
      { token: owner.accessToken },
    );
    expect(new Date(resumed.data!.updateProject.nextRunAt!).getUTCDay()).toBe(1);
    const manual = await server.gql(
      UpdateProjectDocument,
      { id: project.id, input: { schedule: null } },
      { token: owner.accessToken },
    );
    expect(manual.data!.updateProject).toMatchObject({ schedule: null, nextRunAt: null });
  });

  it('refuses bad input with the field that is wrong', async () => {
    const cases: Array<[CreateProjectInput, string]> = [
      [{ ...SITE_PROJECT, schedule: '0 6 * *' }, 'schedule'],
      [{ ...SITE_PROJECT, schedule: '61 6 * * *' }, 'schedule'],
      [{ ...SITE_PROJECT, schedule: '0 6 * * *', timezone: 'Mars/Olympus' }, 'timezone'],
      [{ ...SITE_PROJECT, kinds: ['VISIBILITY'] }, 'brand'],
      [{ ...SITE_PROJECT, url: 'http://127.0.0.1/' }, 'url'],
      [{ ...SITE_PROJECT, alertRules: [{ kind: 'NEW_FINDING' }] }, 'alertRules.0'],
    ];
    for (const [input, field] of cases) {
      const response = await server.gql(CreateProjectDocument, { input }, { token: owner.accessToken });
      expect([JSON.stringify(input), codeOf(response)]).toEqual([JSON.stringify(input), 'BAD_USER_INPUT']);
      expect(response.errors![0]!.extensions!.fields).toEqual([expect.objectContaining({ field })]);
    }
  });

  it("holds the plan's shortest schedule interval and project count", async () => {
    const hourly = await server.gql(
      CreateProjectDocument,
      { input: { ...SITE_PROJECT, schedule: '0 * * * *' } },
      {
        token: owner.accessToken,
      },
    );
    expect(codeOf(hourly)).toBe('QUOTA_EXCEEDED');
    expect(hourly.errors![0]!.extensions).toMatchObject({
      quota: 'minScheduleMinutes',
      limit: 1440,
      used: 60,
    });
    const someone = await register(server);
    for (let i = 0; i < 4; i++) await create(someone, SITE_PROJECT);
    const fifth = await server.gql(
      CreateProjectDocument,
      { input: SITE_PROJECT },
      { token: someone.accessToken },
    );
    expect(codeOf(fifth)).toBe('QUOTA_EXCEEDED');
    expect(fifth.errors![0]!.extensions).toMatchObject({ quota: 'maxProjects', limit: 4, used: 4 });
  });
});

describe('runs by hand', () => {
  it('create one audit per kind, linked to the project, with events', async () => {
    const project = await create(owner, {
      name: 'Both',
      url: 'https://both.example',
      kinds: ['SITE', 'VISIBILITY'],
      brand: 'Both',
      prompts: ['best tools for both?'],
    });
    const run = await server.gql(RunProjectDocument, { id: project.id }, { token: owner.accessToken });
    expect(run.errors).toBeUndefined();
    expect(run.data!.runProject.map((a: { kind: string }) => a.kind)).toEqual(['SITE', 'VISIBILITY']);
    expect(run.data!.runProject.every((a) => a.project?.id === project.id)).toBe(true);
    const read = await server.gql(ProjectDocument, { id: project.id }, { token: owner.accessToken });
    expect(read.data!.project!.audits.totalCount).toBe(2);
    expect(read.data!.project!.events.edges.map((e) => e.node.type)).toEqual(['RUN_STARTED', 'RUN_STARTED']);
    const stored = await server.orm.em.fork().findOneOrFail(Project, { id: localId(project.id) });
    expect(stored.lastRunAt).not.toBeNull();
    expect(await server.app.metricsRegistry.getSingleMetricAsString('project_run_audits_total')).toMatch(
      /project_run_audits_total\{trigger="manual",outcome="started"\} [1-9]/,
    );
  });

  it('follow the workspace roles: a VIEWER reads but cannot run or change; others see nothing', async () => {
    const shared = (
      await server.gql(
        `mutation { createWorkspace(name: "Client") { id } }`,
        {},
        { token: owner.accessToken },
      )
    ).data!.createWorkspace.id as string;
    const [viewer, member, outsider] = [
      await register(server),
      await register(server),
      await register(server),
    ];
    await addMember(server, shared, viewer, WorkspaceRole.VIEWER);
    await addMember(server, shared, member, WorkspaceRole.MEMBER);
    const project = await create(member, { ...SITE_PROJECT, workspaceId: shared });
    expect(codeOf(await server.gql(ProjectDocument, { id: project.id }, { token: viewer.accessToken }))).toBe(
      'ok',
    );
    expect(
      codeOf(await server.gql(RunProjectDocument, { id: project.id }, { token: viewer.accessToken })),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(
        await server.gql(
          UpdateProjectDocument,
          { id: project.id, input: { name: 'x' } },
          { token: viewer.accessToken },
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(
        await server.gql(
          CreateProjectDocument,
          { input: { ...SITE_PROJECT, workspaceId: shared } },
          { token: viewer.accessToken },
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(await server.gql(ProjectDocument, { id: project.id }, { token: outsider.accessToken })),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(await server.gql(RunProjectDocument, { id: project.id }, { token: outsider.accessToken })),
    ).toBe('NOT_FOUND');
    const run = await server.gql(RunProjectDocument, { id: project.id }, { token: owner.accessToken });
    expect(run.errors).toBeUndefined();
    // Deleting the project keeps its audits in the workspace.
    const deleted = await server.gql(
      `mutation ($id: ID!) { deleteProject(id: $id) }`,
      { id: project.id },
      {
        token: member.accessToken,
      },
    );
    expect(deleted.data).toEqual({ deleteProject: true });
    const audit = await server.gql(
      `query ($id: ID!) { audit(id: $id) { id project { id } } }`,
      {
        id: run.data!.runProject[0]!.id,
      },
      { token: viewer.accessToken },
    );
    expect(audit.data!.audit).toEqual({ id: run.data!.runProject[0]!.id, project: null });
  });
});

describe('scheduled runs', () => {
  let replica: TestServer;
  // Replicas share one configuration: the runs of earlier ticks may still be active when the
  // next one starts, so the quotas must allow them on every replica, a restarted one included.
  const startReplica = () =>
    startTestServer({
      runWorker: false,
      databaseUrl: server.databaseUrl,
      env: { PLAN_FREE_CONCURRENT_AUDITS: '100', PLAN_FREE_AUDITS_PER_DAY: '100' },
    });
  beforeAll(async () => {
    replica = await startReplica();
  });
  afterAll(() => replica?.close());

  /** Both replicas' schedulers at the same moment: what each started. */
  const tick = (at: Date) =>
    Promise.all(
      [server, replica, server, replica].map((s) => s.app.services.projects.runDue(s.orm.em.fork(), at)),
    );
  const stored = (id: string) => server.orm.em.fork().findOneOrFail(Project, { id: localId(id) });

  it('start each tick exactly once across replicas, and once after downtime', async () => {
    const someone = await register(server);
    const project = await create(someone, { ...SITE_PROJECT, schedule: '15 4 * * *' });
    let next = new Date(project.nextRunAt!);
    for (let i = 1; i <= 3; i++) {
      const at = new Date(next.getTime() + 1000);
      await tick(at);
      expect(await auditsOf(server.orm.em, project.id)).toBe(i);
      const after = await stored(project.id);
      expect(after.lastRunAt?.getTime()).toBe(at.getTime());
      expect(after.nextRunAt!.getTime()).toBe(next.getTime() + 24 * 3600e3);
      next = after.nextRunAt!;
    }
    // A replica restarts between ticks: the schedule lives in the database.
    await replica.close();
    replica = await startReplica();
    // Five days of downtime: one run, then the next tick after now.
    const late = new Date(next.getTime() + 5 * 24 * 3600e3 + 60_000);
    await tick(late);
    expect(await auditsOf(server.orm.em, project.id)).toBe(4);
    const after = await stored(project.id);
    expect(after.nextRunAt!.getTime()).toBeGreaterThan(late.getTime());
    expect(after.nextRunAt!.getTime() - late.getTime()).toBeLessThanOrEqual(24 * 3600e3);
  });

  it("are started by the workers' minute job, which pg-boss schedules once for every process", async () => {
    const worker = await startTestServer({ databaseUrl: server.databaseUrl });
    try {
      const { PROJECT_SCHEDULER_QUEUE } = await import('../../src/jobs/project-scheduler.js');
      const schedules = await worker.app.queue.boss.getSchedules(PROJECT_SCHEDULER_QUEUE);
      expect(schedules).toEqual([
        expect.objectContaining({ name: PROJECT_SCHEDULER_QUEUE, cron: '* * * * *' }),
      ]);
      const someone = await register(server);
      const project = await create(someone, { ...SITE_PROJECT, schedule: '0 1 * * *' });
      // Due a second ago; the minute's job (sent here instead of waiting for the clock) starts it.
      await server.orm.em
        .fork()
        .nativeUpdate(Project, { id: localId(project.id) }, { nextRunAt: new Date(Date.now() - 1000) });
      await worker.app.queue.boss.send(PROJECT_SCHEDULER_QUEUE, {});
      for (let i = 0; i < 100 && (await auditsOf(server.orm.em, project.id)) === 0; i++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await auditsOf(server.orm.em, project.id)).toBe(1);
      expect((await stored(project.id)).nextRunAt!.getTime()).toBeGreaterThan(Date.now());
    } finally {
      await worker.close();
    }
  });

  it('keep a due tick when the project is only renamed', async () => {
    const someone = await register(server);
    const project = await create(someone, { ...SITE_PROJECT, schedule: '0 2 * * *' });
    const due = new Date(Date.now() - 1000);
    await server.orm.em.fork().nativeUpdate(Project, { id: localId(project.id) }, { nextRunAt: due });
    await server.gql(
      UpdateProjectDocument,
      { id: project.id, input: { name: 'Renamed' } },
      { token: someone.accessToken },
    );
    expect((await stored(project.id)).nextRunAt!.getTime()).toBe(due.getTime());
    await tick(new Date());
    expect(await auditsOf(server.orm.em, project.id)).toBe(1);
  });

  it('leave paused projects alone', async () => {
    const someone = await register(server);
    const project = await create(someone, { ...SITE_PROJECT, schedule: '0 3 * * *' });
    const next = new Date(project.nextRunAt!);
    await server.gql(
      UpdateProjectDocument,
      { id: project.id, input: { paused: true } },
      { token: someone.accessToken },
    );
    await tick(new Date(next.getTime() + 1000));
    expect(await auditsOf(server.orm.em, project.id)).toBe(0);
  });

  it('record a run a quota refuses as RUN_SKIPPED, and keep to the schedule', async () => {
    const someone = await register(server);
    const project = await create(someone, { ...SITE_PROJECT, schedule: '0 5 * * *' });
    // The creator's FREE allowance is used up (100 audits today, seeded).
    const em = server.orm.em.fork();
    await em.getConnection().execute(
      `insert into audit_quota_usage (id, workspace_id, user_id, plan, created_at)
         select gen_random_uuid(), null, ?, 'FREE', now() from generate_series(1, 100)`,
      [someone.userId],
    );
    const next = new Date(project.nextRunAt!);
    await tick(new Date(next.getTime() + 1000));
    expect(await auditsOf(server.orm.em, project.id)).toBe(0);
    const read = await server.gql(ProjectDocument, { id: project.id }, { token: someone.accessToken });
    const events = read.data!.project!.events.edges.map((e) => e.node);
    expect(events).toEqual([
      expect.objectContaining({
        type: 'RUN_SKIPPED',
        message: expect.stringMatching(/on schedule: .*auditsPerDay/),
      }),
    ]);
    expect((await stored(project.id)).nextRunAt!.getTime()).toBeGreaterThan(next.getTime());
  });
});

describe('when a run ends', () => {
  /** Ends the audit; a success is heard twice (a stale ending): nothing is recorded twice. */
  async function end(
    auditId: string,
    result: { score: number; findings: ReturnType<typeof finding>[] } | 'failed',
  ) {
    if (result === 'failed') {
      await endAudit(auditId, { failed: 'The site did not answer' });
      return;
    }
    const attempt = await endAudit(auditId, result);
    const id = fromGlobalId(auditId, 'Audit').id;
    await server.app.lifecycle.succeed(server.orm.em.fork(), id, attempt, reportOf(result));
  }

  it('records the outcome once and fires each matching alert rule against the previous run', async () => {
    const someone = await register(server);
    const project = await create(someone, {
      ...SITE_PROJECT,
      alertRules: [
        { kind: 'SCORE_BELOW', threshold: 60 },
        { kind: 'SCORE_DROP', threshold: 10 },
        { kind: 'NEW_FINDING', severity: 'HIGH' },
        { kind: 'AUDIT_FAILED' },
      ],
    });
    const runOnce = async () =>
      (await server.gql(RunProjectDocument, { id: project.id }, { token: someone.accessToken })).data!
        .runProject[0]!.id;
    await end(await runOnce(), { score: 80, findings: [finding('a', 'https://acme.example/')] });
    await end(await runOnce(), {
      score: 55,
      findings: [
        finding('a', 'https://acme.example/'),
        finding('b', 'https://acme.example/pricing'),
        finding('c', 'https://acme.example/', 'LOW'),
      ],
    });
    await end(await runOnce(), 'failed');

    const read = await server.gql(
      `query ($id: ID!) { project(id: $id) { events(first: 50) { edges { node { type message audit { id } } } } } }`,
      { id: project.id },
      { token: someone.accessToken },
    );
    const events = read
      .data!.project.events.edges.map((e: { node: { type: string; message: string } }) => e.node)
      .reverse()
      .filter((e: { type: string }) => e.type !== 'RUN_STARTED')
      .map((e: { type: string; message: string }) => `${e.type} ${e.message}`);
    expect(events).toEqual([
      'AUDIT_SUCCEEDED SITE audit succeeded: score 80 (C)',
      'AUDIT_SUCCEEDED SITE audit succeeded: score 55 (C)',
      'ALERT SCORE_BELOW: the score is 55, below 60',
      'ALERT SCORE_DROP: the score fell 25 points, from 80 to 55',
      'ALERT NEW_FINDING: 1 new finding of HIGH or worse: b on https://acme.example/pricing',
      'AUDIT_FAILED SITE audit failed: The site did not answer',
      'ALERT AUDIT_FAILED: the SITE audit failed',
    ]);
  });
});

describe('a trend', () => {
  const TREND = `query ($id: ID!, $metric: TrendMetric!, $engine: String, $category: String, $since: DateTime) {
    project(id: $id) { trend(metric: $metric, engine: $engine, category: $category, since: $since) { at value low high n audit { id } } } }`;

  it('has one point per SUCCEEDED run, oldest first, with the stored values', async () => {
    const someone = await register(server);
    const project = await create(someone, SITE_PROJECT);
    const scores = [70, 80.5, 65];
    const ids: string[] = [];
    for (const score of scores) {
      ids.push(
        ...(await runAndEnd(someone, project.id, {
          score,
          categories: [{ category: 'basics', score: score - 10, weight: 1 }],
        })),
      );
    }
    // A run that did not succeed has no point.
    await server.gql(RunProjectDocument, { id: project.id }, { token: someone.accessToken });
    const trend = await server.gql(
      TREND,
      { id: project.id, metric: 'SCORE' },
      { token: someone.accessToken },
    );
    expect(trend.errors).toBeUndefined();
    const points = trend.data!.project.trend;
    expect(points.map((p: { value: number }) => p.value)).toEqual(scores);
    expect(points.map((p: { audit: { id: string } }) => p.audit.id)).toEqual(ids);
    expect(points[0]).toMatchObject({ low: null, high: null, n: null });
    const stored = await server.orm.em
      .fork()
      .find(Audit, { id: ids.map((id) => fromGlobalId(id, 'Audit').id) }, { orderBy: { createdAt: 'asc' } });
    expect(points.map((p: { at: string }) => new Date(p.at).getTime())).toEqual(
      stored.map((a) => a.createdAt.getTime()),
    );
    const category = await server.gql(
      TREND,
      { id: project.id, metric: 'CATEGORY_SCORE', category: 'basics' },
      {
        token: someone.accessToken,
      },
    );
    expect(category.data!.project.trend.map((p: { value: number }) => p.value)).toEqual([60, 70.5, 55]);
    const since = await server.gql(
      TREND,
      { id: project.id, metric: 'SCORE', since: points[1].at },
      {
        token: someone.accessToken,
      },
    );
    expect(since.data!.project.trend.map((p: { value: number }) => p.value)).toEqual([80.5, 65]);
    const missing = await server.gql(
      TREND,
      { id: project.id, metric: 'CATEGORY_SCORE' },
      { token: someone.accessToken },
    );
    expect(codeOf(missing)).toBe('BAD_USER_INPUT');
  });

  it('carries the interval and n of visibility proportions, overall and per engine', async () => {
    const someone = await register(server);
    const project = await create(someone, {
      name: 'Brand',
      url: 'https://brand.example',
      kinds: ['VISIBILITY'],
      brand: 'Brand',
      prompts: ['who makes the best widgets?'],
    });
    const estimate = (value: number, n: number) => ({ value, low: value - 0.125, high: value + 0.125, n });
    const metrics = (value: number) => ({
      answers: 10,
      mentionRate: estimate(value, 10),
      averagePosition: 2,
    });
    await runAndEnd(someone, project.id, {
      score: 50,
      categories: [],
      details: {
        visibility: { overall: metrics(0.375), engines: [{ engine: 'openai', metrics: metrics(0.25) }] },
      },
    });
    await runAndEnd(someone, project.id, {
      score: 50,
      categories: [],
      details: {
        visibility: { overall: metrics(0.625), engines: [{ engine: 'openai', metrics: metrics(0.5) }] },
      },
    });
    const overall = await server.gql(
      TREND,
      { id: project.id, metric: 'MENTION_RATE' },
      { token: someone.accessToken },
    );
    expect(
      overall.data!.project.trend.map(({ value, low, high, n }: Record<string, number>) => ({
        value,
        low,
        high,
        n,
      })),
    ).toEqual([
      { value: 0.375, low: 0.25, high: 0.5, n: 10 },
      { value: 0.625, low: 0.5, high: 0.75, n: 10 },
    ]);
    const engine = await server.gql(
      TREND,
      { id: project.id, metric: 'MENTION_RATE', engine: 'openai' },
      {
        token: someone.accessToken,
      },
    );
    expect(engine.data!.project.trend.map((p: { value: number }) => p.value)).toEqual([0.25, 0.5]);
    const position = await server.gql(
      TREND,
      { id: project.id, metric: 'AVERAGE_POSITION' },
      {
        token: someone.accessToken,
      },
    );
    expect(
      position.data!.project.trend.map((p: { value: number; n: number | null }) => [p.value, p.n]),
    ).toEqual([
      [2, null],
      [2, null],
    ]);
  });
});

describe('projectEvents', () => {
  const SUBSCRIBE =
    'subscription ($id: ID!) { projectEvents(projectId: $id) { type message project { id } } }';

  function follow(account: Account, projectId: string) {
    const client = server.wsClient({ authorization: `Bearer ${account.accessToken}` });
    const received: Array<{ type: string; message: string }> = [];
    const errors: unknown[] = [];
    const ended = new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: SUBSCRIBE, variables: { id: projectId } },
        {
          next: (result) => {
            if (result.errors) errors.push(result.errors);
            else
              received.push(
                (result.data as { projectEvents: { type: string; message: string } }).projectEvents,
              );
          },
          error: resolve,
          complete: () => resolve('completed'),
        },
      );
    });
    return { client, received, errors, ended };
  }
  const until = async (check: () => boolean, ms = 5000) => {
    const end = Date.now() + ms;
    while (!check() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 25));
  };

  it("streams a project's new events to its members, replays nothing, and ends when access does", async () => {
    const shared = (
      await server.gql(
        `mutation { createWorkspace(name: "Events") { id } }`,
        {},
        { token: owner.accessToken },
      )
    ).data!.createWorkspace.id as string;
    const watcher = await register(server);
    const outsider = await register(server);
    await addMember(server, shared, watcher, WorkspaceRole.VIEWER);
    const project = await create(owner, {
      ...SITE_PROJECT,
      workspaceId: shared,
      alertRules: [{ kind: 'AUDIT_FAILED' }],
    });
    const before = await server.gql(RunProjectDocument, { id: project.id }, { token: owner.accessToken }); // not replayed

    const stream = follow(watcher, project.id);
    const denied = follow(outsider, project.id);
    try {
      await denied.ended;
      expect(JSON.stringify(denied.errors)).toContain('NOT_FOUND');
      expect(denied.received).toEqual([]);
      // Give the subscription a moment to be open before anything happens.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await runAndEnd(owner, project.id, { failed: 'unreachable' });
      await until(() => stream.received.length >= 3);
      expect(stream.received.map((e) => e.type)).toEqual(['RUN_STARTED', 'AUDIT_FAILED', 'ALERT']);
      expect(before.errors).toBeUndefined();

      await server.gql(
        `mutation ($w: ID!, $u: ID!) { removeMember(workspaceId: $w, userId: $u) }`,
        { w: shared, u: watcher.user.id },
        { token: owner.accessToken },
      );
      expect(JSON.stringify(await stream.ended)).toContain('NOT_FOUND');
    } finally {
      await Promise.all([stream.client.dispose(), denied.client.dispose()]);
    }
  });
});

describe('compareAudits', () => {
  const COMPARE = `query ($b: ID!, $h: ID!) { compareAudits(base: $b, head: $h) {
    scoreDelta categories { category base head delta }
    newFindings { checkId urls } resolvedFindings { checkId urls } persistingFindings { checkId urls }
    visibility { engine metric delta significant base { value n } head { value n } }
    mentionLostPrompts mentionGainedPrompts } }`;
  it('lists exactly the findings added and removed, a redirected page keeping its identity', async () => {
    const someone = await register(server);
    const project = await create(someone, SITE_PROJECT);
    const base = (
      await runAndEnd(someone, project.id, {
        score: 70,
        categories: [{ category: 'basics', score: 60, weight: 1 }],
        findings: [finding('a', 'https://acme.example/old'), finding('b', 'https://acme.example/x')],
        details: { pages: [{ url: 'https://acme.example/old' }, { url: 'https://acme.example/x' }] },
      })
    )[0]!;
    const head = (
      await runAndEnd(someone, project.id, {
        score: 82.5,
        categories: [{ category: 'basics', score: 75, weight: 1 }],
        findings: [finding('a', 'https://acme.example/new'), finding('c', 'https://acme.example/y')],
        details: {
          pages: [
            { url: 'https://acme.example/old', finalUrl: 'https://acme.example/new' },
            { url: 'https://acme.example/y' },
          ],
        },
      })
    )[0]!;
    const compared = await server.gql(COMPARE, { b: base, h: head }, { token: someone.accessToken });
    expect(compared.errors).toBeUndefined();
    expect(compared.data!.compareAudits).toEqual({
      scoreDelta: 12.5,
      categories: [{ category: 'basics', base: 60, head: 75, delta: 15 }],
      newFindings: [{ checkId: 'c', urls: ['https://acme.example/y'] }],
      resolvedFindings: [{ checkId: 'b', urls: ['https://acme.example/x'] }],
      persistingFindings: [{ checkId: 'a', urls: ['https://acme.example/new'] }],
      visibility: [],
      mentionLostPrompts: [],
      mentionGainedPrompts: [],
    });
    const outsider = await register(server);
    expect(codeOf(await server.gql(COMPARE, { b: base, h: head }, { token: outsider.accessToken }))).toBe(
      'NOT_FOUND',
    );
  });

  it('flags a significant drop of a visibility proportion and not an insignificant one', async () => {
    const someone = await register(server);
    const project = await create(someone, {
      name: 'Brand',
      url: 'https://brand.example',
      kinds: ['VISIBILITY'],
      brand: 'Brand',
      prompts: ['who makes the best widgets?'],
    });
    const estimate = (value: number, n: number) => ({ value, low: 0, high: 1, n });
    const visibility = (mention: number, share: number) => ({
      overall: { mentionRate: estimate(mention, 100), shareOfVoice: estimate(share, 20) },
      engines: [{ engine: 'openai', metrics: { mentionRate: estimate(mention, 100) } }],
    });
    const base = (
      await runAndEnd(someone, project.id, {
        score: 50,
        details: { visibility: visibility(0.5, 0.35) },
      })
    )[0]!;
    const head = (
      await runAndEnd(someone, project.id, {
        score: 50,
        details: { visibility: visibility(0.2, 0.3) },
      })
    )[0]!;
    const compared = await server.gql(COMPARE, { b: base, h: head }, { token: someone.accessToken });
    const deltas = compared.data!.compareAudits.visibility as Array<Record<string, any>>;
    const find = (engine: string | null, metric: string) =>
      deltas.find((d) => d.engine === engine && d.metric === metric);
    expect(find(null, 'MENTION_RATE')).toMatchObject({
      delta: -0.3,
      significant: true,
      base: { value: 0.5, n: 100 },
    });
    expect(find('openai', 'MENTION_RATE')).toMatchObject({ delta: -0.3, significant: true });
    expect(find(null, 'SHARE_OF_VOICE')).toMatchObject({ delta: -0.05, significant: false });
    expect(find(null, 'CITATION_RATE')).toMatchObject({
      base: null,
      head: null,
      delta: null,
      significant: false,
    });

    const site = await create(someone, SITE_PROJECT);
    const siteAudit = (await runAndEnd(someone, site.id, { score: 10 }))[0]!;
    expect(codeOf(await server.gql(COMPARE, { b: base, h: siteAudit }, { token: someone.accessToken }))).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('a METRIC_DROP rule', () => {
  it('fires on a significant drop against the previous run, not on noise', async () => {
    const someone = await register(server);
    const project = await create(someone, {
      name: 'Watched',
      url: 'https://watched.example',
      kinds: ['VISIBILITY'],
      brand: 'Watched',
      prompts: ['who makes the best widgets?'],
      alertRules: [{ kind: 'METRIC_DROP', metric: 'MENTION_RATE' }],
    });
    const invalid = await server.gql(
      CreateProjectDocument,
      { input: { ...SITE_PROJECT, alertRules: [{ kind: 'METRIC_DROP', metric: 'SCORE' }] } },
      { token: someone.accessToken },
    );
    expect(codeOf(invalid)).toBe('BAD_USER_INPUT');
    for (const value of [0.5, 0.45, 0.2]) {
      await runAndEnd(someone, project.id, {
        score: 50,
        details: {
          visibility: { overall: { mentionRate: { value, low: 0, high: 1, n: 100 } }, engines: [] },
        },
      });
    }
    const read = await server.gql(ProjectDocument, { id: project.id }, { token: someone.accessToken });
    const alerts = read.data!.project!.events.edges.map((e) => e.node).filter((e) => e.type === 'ALERT');
    expect(alerts).toEqual([
      expect.objectContaining({
        message: 'METRIC_DROP: MENTION_RATE fell from 45% (n=100) to 20% (n=100), significant at 5%',
      }),
    ]);
  });
});
