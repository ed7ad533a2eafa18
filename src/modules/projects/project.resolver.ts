import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { SITE_CATEGORY_LIST } from '../audits/audit-categories.js';
import { renewRequestScope } from '../../common/request-context.js';
import { notFound } from '../../common/errors.js';
import { fromGlobalId } from '../../common/global-id.js';
import { AllowApiKey, Auth } from '../../graphql/directives/auth.js';
import { RateLimit } from '../../graphql/directives/rate-limit.js';
import type { GraphQLContext } from '../../graphql/context.js';
import type { GraphQLResolveInfo } from 'graphql';
import { ConnectionArgs, connectionWants } from '../../graphql/relay/connection.js';
import { ApiKeyScope } from '../api-keys/api-key.entity.js';
import type { Audit } from '../audits/audit.entity.js';
import { AuditsArgs } from '../audits/audit.inputs.js';
import { auditById } from '../audits/audit.loaders.js';
import { AuditConnection, AuditType } from '../audits/audit.types.js';
import { requireViewer } from '../auth/viewer.js';
import { Role, type User } from '../users/user.entity.js';
import { userById } from '../users/user.loaders.js';
import { UserType } from '../users/user.types.js';
import { WorkspaceRole, type Workspace } from '../workspaces/workspace.entity.js';
import { workspaceById } from '../workspaces/workspace.loaders.js';
import { WorkspaceType } from '../workspaces/workspace.types.js';
import { ProjectEvent } from './project-event.entity.js';
import type { ProjectEventMessage } from './project-outcomes.js';
import { TrendMetric } from '../audits/trend-metric.js';
import type { Project } from './project.entity.js';
import { projectTrend, type TrendPointData } from './project-trend.js';
import { CreateProjectInput, UpdateProjectInput } from './project.inputs.js';
import {
  ProjectConnection,
  ProjectEventConnection,
  ProjectEventObject,
  ProjectType,
  TrendPointType,
} from './project.types.js';

const projectId = (id: string) => fromGlobalId(id, 'Project').id;

@Resolver(() => ProjectType)
export class ProjectResolver {
  @Auth(Role.USER, WorkspaceRole.VIEWER)
  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @Query(() => ProjectType, {
    nullable: true,
    description: 'One project; NOT_FOUND unless you are a member of its workspace.',
  })
  project(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the project; null when the viewer may not see it.' })
    id: string,
  ): Promise<Project> {
    return ctx.services.projects.getVisible(ctx, projectId(id));
  }

  @Auth(Role.USER, WorkspaceRole.VIEWER)
  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @Query(() => ProjectConnection, {
    description: "Projects of the viewer's workspaces (an API key: of its workspace), newest first.",
  })
  projects(@Ctx() ctx: GraphQLContext, @Args() args: ConnectionArgs) {
    return ctx.services.projects.list(ctx, requireViewer(ctx), args);
  }

  @Auth(Role.USER, WorkspaceRole.MEMBER)
  @AllowApiKey(ApiKeyScope.AUDITS_WRITE)
  @RateLimit({ max: 30, window: '1h' })
  @Mutation(() => ProjectType, {
    description: "Creates a project (MEMBER or higher; the plan's maxProjects and minScheduleMinutes apply).",
  })
  createProject(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', { description: 'The project: what to audit, how often, and its alert rules.' })
    input: CreateProjectInput,
  ): Promise<Project> {
    return ctx.services.projects.create(ctx, requireViewer(ctx), input);
  }

  @Auth(Role.USER, WorkspaceRole.MEMBER)
  @AllowApiKey(ApiKeyScope.AUDITS_WRITE)
  @RateLimit({ max: 120, window: '1h' })
  @Mutation(() => ProjectType, {
    description: 'Changes a project; every field is optional (MEMBER or higher).',
  })
  updateProject(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the project (MEMBER and up in its workspace).' })
    id: string,
    @Arg('input', { description: 'The fields to change; omitted fields keep their value.' })
    input: UpdateProjectInput,
  ): Promise<Project> {
    return ctx.services.projects.update(ctx, projectId(id), input);
  }

  @Auth(Role.USER, WorkspaceRole.MEMBER)
  @AllowApiKey(ApiKeyScope.AUDITS_WRITE)
  @Mutation(() => Boolean, {
    description: 'Deletes a project and its events; its audits stay in the workspace (MEMBER or higher).',
  })
  deleteProject(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the project; its audits stay, detached from it.' })
    id: string,
  ): Promise<boolean> {
    return ctx.services.projects.delete(ctx, projectId(id));
  }

  @Auth(Role.USER, WorkspaceRole.MEMBER)
  @AllowApiKey(ApiKeyScope.AUDITS_WRITE)
  @RateLimit({ max: 30, window: '1m' })
  @Mutation(() => [AuditType], {
    description:
      'Runs a project now: one audit per kind. A kind a quota refuses is recorded as RUN_SKIPPED; when ' +
      'every kind is refused, the first refusal is the error.',
  })
  runProject(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the project to run now, outside its schedule.' })
    id: string,
  ): Promise<Audit[]> {
    return ctx.services.projects.run(ctx, requireViewer(ctx), projectId(id));
  }

  @FieldResolver(() => UserType, { description: 'Who created it.' })
  async owner(@Root() project: Project, @Ctx() ctx: GraphQLContext): Promise<User> {
    const owner = await ctx.loaders.get(userById).load(project.owner.id);
    if (!owner) throw new Error(`owner of project ${project.id} not found`);
    return owner;
  }

  @FieldResolver(() => WorkspaceType, { description: 'The workspace it belongs to.' })
  async workspace(@Root() project: Project, @Ctx() ctx: GraphQLContext): Promise<Workspace> {
    const workspace = await ctx.loaders.get(workspaceById).load(project.workspace.id);
    if (!workspace) throw new Error(`workspace of project ${project.id} not found`);
    return workspace;
  }

  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @FieldResolver(() => AuditConnection, {
    description: "The project's audits (filter and order as for audits).",
  })
  audits(
    @Root() project: Project,
    @Ctx() ctx: GraphQLContext,
    @Args() args: AuditsArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.audits.list(
      ctx,
      requireViewer(ctx),
      args,
      { projectId: project.id },
      connectionWants(info),
    );
  }

  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @FieldResolver(() => [TrendPointType], {
    description:
      'One point per SUCCEEDED audit, oldest first (at most 2000): SCORE and CATEGORY_SCORE (with ' +
      '`category`) follow the SITE runs, the other metrics the VISIBILITY runs, overall or for one `engine`. ' +
      'Audits without the measurement (e.g. no answer mentioned any brand) have no point.',
  })
  trend(
    @Root() project: Project,
    @Ctx() ctx: GraphQLContext,
    @Arg('metric', () => TrendMetric, { description: 'The measurement to follow over time.' })
    metric: TrendMetric,
    @Arg('engine', () => String, {
      nullable: true,
      description:
        "VISIBILITY metrics: one engine (openai, anthropic, perplexity, gemini, openai-compatible); null = every engine's answers.",
    })
    engine: string | null,
    @Arg('category', () => String, {
      nullable: true,
      description: `CATEGORY_SCORE: the category, one of ${SITE_CATEGORY_LIST} (Query.checks gives each check's).`,
    })
    category: string | null,
    @Arg('since', () => Date, {
      nullable: true,
      description: 'Only audits finished at or after this instant.',
    })
    since: Date | null,
    @Arg('until', () => Date, { nullable: true, description: 'Exclusive.' }) until: Date | null,
  ): Promise<TrendPointData[]> {
    return projectTrend(ctx.em, project.id, { metric, engine, category, since, until });
  }

  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @FieldResolver(() => ProjectEventConnection, { description: 'What happened to the project, newest first.' })
  events(@Root() project: Project, @Ctx() ctx: GraphQLContext, @Args() args: ConnectionArgs) {
    return ctx.services.projects.events(ctx, project, args);
  }
}

@Resolver(() => ProjectEventObject)
export class ProjectEventsSubscription {
  @Auth(Role.USER, WorkspaceRole.VIEWER)
  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @Subscription(() => ProjectEventObject, {
    description:
      "A project's events as they happen (runs started or skipped, outcomes, alerts); nothing is replayed. " +
      'Ends with NOT_FOUND once you may no longer read the project.',
    subscribe: ({ args, context }) =>
      (context as GraphQLContext).services.projects.eventStream(
        context as GraphQLContext,
        projectId((args as { projectId: string }).projectId),
      ),
  })
  async projectEvents(
    @Root() message: ProjectEventMessage,
    @Ctx() ctx: GraphQLContext,
    @Arg('projectId', () => ID, {
      description: 'Global id of a project the viewer may see; its events from now on.',
    })
    _projectId: string,
  ): Promise<ProjectEvent> {
    renewRequestScope(ctx);
    const event = await ctx.em.findOne(ProjectEvent, { id: message.eventId });
    if (!event) throw notFound('ProjectEvent');
    return event;
  }
}

@Resolver(() => TrendPointType)
export class TrendPointResolver {
  @FieldResolver(() => AuditType, { description: 'The audit measured.' })
  async audit(@Root() point: TrendPointData, @Ctx() ctx: GraphQLContext): Promise<Audit> {
    const audit = await ctx.loaders.get(auditById).load(point.auditId);
    if (!audit) throw notFound('Audit');
    return audit;
  }
}

@Resolver(() => ProjectEventObject)
export class ProjectEventResolver {
  @FieldResolver(() => Date)
  at(@Root() event: ProjectEvent): Date {
    return event.createdAt;
  }

  @FieldResolver(() => ProjectType, { description: 'The project it belongs to.' })
  async project(@Root() event: ProjectEvent, @Ctx() ctx: GraphQLContext): Promise<Project> {
    const project = await ctx.services.projects.findVisible(ctx, event.project.id);
    if (!project) throw notFound('Project');
    return project;
  }

  @FieldResolver(() => AuditType, {
    nullable: true,
    description: 'The audit it is about, if any (and still there).',
  })
  audit(@Root() event: ProjectEvent, @Ctx() ctx: GraphQLContext): Promise<Audit | null> | null {
    return event.audit ? ctx.services.audits.findVisible(ctx, event.audit.id) : null;
  }
}

@Resolver(() => AuditType)
export class AuditProjectResolver {
  @FieldResolver(() => ProjectType, { nullable: true, description: 'The project whose run created it.' })
  project(@Root() audit: Audit, @Ctx() ctx: GraphQLContext): Promise<Project | null> | null {
    return audit.projectId ? ctx.services.projects.findVisible(ctx, audit.projectId) : null;
  }
}
