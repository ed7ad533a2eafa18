import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import { AllowApiKey, Auth, Public } from '../../graphql/directives/auth.js';
import { RateLimit } from '../../graphql/directives/rate-limit.js';
import { renewRequestScope } from '../../common/request-context.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { requireViewer } from '../auth/viewer.js';
import { FieldErrorType } from '../../graphql/error.types.js';
import { notFound } from '../../common/errors.js';
import { fromGlobalId } from '../../common/global-id.js';
import type { AuditProgressEvent } from './audit-progress.js';
import { ApiKeyScope } from '../api-keys/api-key.entity.js';
import type { GraphQLResolveInfo } from 'graphql';
import {
  ConnectionArgs,
  connectionWants,
  perSelection,
  selectedFields,
} from '../../graphql/relay/connection.js';
import { Role, User } from '../users/user.entity.js';
import { UserType } from '../users/user.types.js';
import { userById, userRowById } from '../users/user.loaders.js';
import { userColumnsFor, type UserRow } from '../users/user-row.js';
import { ownerIdOf, workspaceIdOf, type AuditView } from './audit-row.js';
import { WorkspaceRole, type Workspace } from '../workspaces/workspace.entity.js';
import { workspaceById } from '../workspaces/workspace.loaders.js';
import { WorkspaceType } from '../workspaces/workspace.types.js';
import { auditDetails } from './audit.loaders.js';
import type { CrawlOutcomeView } from './audit-results.js';
import { CREATE_AUDIT_RATE_LIMIT } from './audit-rate-limit.js';
import type { AuditComparison } from './audit-comparison.js';
import { AuditComparisonType } from './audit-comparison.types.js';
import { Audit, AuditKind, categoryApplies } from './audit.entity.js';
import type { CategoryScore as StoredCategoryScore } from '../../audit-engine/report.js';
import type { BotAccessRow, CheckDefinition, CheckOutcome, SkippedUrl } from '../../audit-engine/result.js';
import {
  AnswersArgs,
  AuditsArgs,
  CreateAuditInput,
  CreateAuditsInput,
  FindingsArgs,
} from './audit.inputs.js';
import {
  AnswerConnection,
  BotAccessType,
  CheckDefinitionType,
  CheckResultType,
  CrawlOutcomeType,
  CrawledPageConnection,
  SkippedUrlType,
} from './audit-results.types.js';
import {
  AuditConnection,
  AuditProgressType,
  AuditType,
  CategoryScore,
  FindingConnection,
} from './audit.types.js';
import { visibilityReportOf } from './visibility-report.js';
import { VisibilityReport } from './visibility.types.js';

const auditId = (id: string) => fromGlobalId(id, 'Audit').id;

/** The user columns an `owner` selection reads (null: it needs the entity), once per selection. */
const ownerColumns = perSelection((info) => userColumnsFor(selectedFields(info)));

@ObjectType({ description: 'The error of one item of a bulk operation.' })
class ItemError {
  @Field({ description: 'The error code, as `extensions.code` would say it.' })
  code!: string;

  @Field({ description: 'What went wrong, in words a user can act on.' })
  message!: string;

  @Field(() => [FieldErrorType], {
    nullable: true,
    description: 'The invalid input fields, when the code is BAD_USER_INPUT.',
  })
  fields?: FieldErrorType[];
}

@ObjectType({ description: 'Outcome of one item of createAudits: the audit, or why it was refused.' })
class CreateAuditResult {
  @Field(() => Int, { description: 'Position of the item in the input list.' })
  index!: number;

  @Field(() => AuditType, {
    nullable: true,
    description: 'The created audit; null when this item was refused.',
  })
  audit!: Audit | null;

  @Field(() => ItemError, { nullable: true, description: 'Why this item was refused; null when created.' })
  error!: ItemError | null;
}

@Resolver(() => AuditType)
export class AuditResolver {
  @FieldResolver(() => UserType, { description: 'Who created the audit.' })
  async owner(
    @Root() audit: AuditView,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<User | UserRow> {
    const id = ownerIdOf(audit);
    // A plain row of the columns asked for, unless the selection needs more than a row has.
    const columns = ownerColumns(info);
    const owner = columns
      ? await ctx.loaders.get(userRowById).load({ id, columns })
      : await ctx.loaders.get(userById).load(id);
    if (!owner) throw new Error(`owner of audit ${audit.id} not found`);
    return owner;
  }

  @FieldResolver(() => WorkspaceType, { description: 'The workspace the audit belongs to.' })
  async workspace(@Root() audit: AuditView, @Ctx() ctx: GraphQLContext): Promise<Workspace> {
    const workspace = await ctx.loaders.get(workspaceById).load(workspaceIdOf(audit));
    if (!workspace) throw new Error(`workspace of audit ${audit.id} not found`);
    return workspace;
  }

  @FieldResolver(() => FindingConnection, {
    description:
      'What to fix, in report order (empty until SUCCEEDED); the severity argument keeps one severity only.',
  })
  findings(
    @Root() audit: AuditView,
    @Ctx() ctx: GraphQLContext,
    @Args() args: FindingsArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.audits.findings(ctx, audit, args, connectionWants(info));
  }

  @FieldResolver(() => VisibilityReport, {
    nullable: true,
    description: 'VISIBILITY audits: the measurements (null for SITE).',
  })
  async visibility(@Root() audit: AuditView, @Ctx() ctx: GraphQLContext): Promise<VisibilityReport | null> {
    if (audit.kind !== AuditKind.VISIBILITY) return null;
    const details = await ctx.loaders.get(auditDetails).load(audit.id);
    return visibilityReportOf(details);
  }

  @FieldResolver(() => CrawledPageConnection, {
    description: 'SITE audits: the pages fetched, in crawl order (empty for VISIBILITY).',
  })
  pages(@Root() audit: AuditView, @Ctx() ctx: GraphQLContext, @Args() args: ConnectionArgs) {
    return ctx.services.results.pages(ctx, audit, args);
  }

  @FieldResolver(() => CrawlOutcomeType, {
    nullable: true,
    description:
      'SITE audits: how the crawl ended (blocked by robots.txt, complete or partial); null before results and for VISIBILITY.',
  })
  crawlOutcome(@Root() audit: Audit, @Ctx() ctx: GraphQLContext): Promise<CrawlOutcomeView | null> {
    return ctx.services.results.crawlOutcome(ctx, audit);
  }

  @FieldResolver(() => [CheckResultType], {
    description:
      'SITE audits: every check that ran, passed or not, in catalogue order (empty for VISIBILITY).',
  })
  checks(@Root() audit: AuditView, @Ctx() ctx: GraphQLContext): Promise<CheckOutcome[]> {
    return ctx.services.results.checks(ctx, audit);
  }

  @FieldResolver(() => [BotAccessType], {
    description:
      'SITE audits: what each AI crawler may fetch, per robots.txt and per probe (empty for VISIBILITY).',
  })
  botAccess(@Root() audit: AuditView, @Ctx() ctx: GraphQLContext): Promise<BotAccessRow[]> {
    return ctx.services.results.botAccess(ctx, audit);
  }

  @FieldResolver(() => [SkippedUrlType], {
    description: 'SITE audits: URLs found but not audited, and why (bounded; empty for VISIBILITY).',
  })
  skipped(@Root() audit: AuditView, @Ctx() ctx: GraphQLContext): Promise<SkippedUrl[]> {
    return ctx.services.results.skipped(ctx, audit);
  }

  @FieldResolver(() => AnswerConnection, {
    description: 'VISIBILITY audits: every answer analysed, in the order asked (empty for SITE).',
  })
  answers(@Root() audit: AuditView, @Ctx() ctx: GraphQLContext, @Args() args: AnswersArgs) {
    return ctx.services.results.answers(ctx, audit, args);
  }

  @Auth(Role.USER, WorkspaceRole.VIEWER)
  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @Query(() => AuditType, {
    nullable: true,
    description: 'One audit; NOT_FOUND unless you are a member of its workspace.',
  })
  audit(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the audit; null when the viewer may not see it.' })
    id: string,
  ): Promise<Audit> {
    return ctx.services.audits.getVisible(ctx, auditId(id));
  }

  @Auth(Role.USER, WorkspaceRole.VIEWER)
  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @Query(() => AuditConnection, {
    description:
      "Audits of the viewer's workspaces (an API key: of its workspace; an admin's session: every audit).",
  })
  audits(@Ctx() ctx: GraphQLContext, @Args() args: AuditsArgs, @Info() info: GraphQLResolveInfo) {
    return ctx.services.audits.list(ctx, requireViewer(ctx), args, {}, connectionWants(info));
  }

  @Auth(Role.USER, WorkspaceRole.VIEWER)
  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @Query(() => AuditComparisonType, {
    description: 'Compares two audits of the same kind that you can see (e.g. two runs of a project).',
  })
  compareAudits(
    @Ctx() ctx: GraphQLContext,
    @Arg('base', () => ID, { description: 'Global id of the earlier audit.' }) base: string,
    @Arg('head', () => ID, { description: 'Global id of the later audit, of the same kind.' }) head: string,
  ): Promise<AuditComparison> {
    return ctx.services.audits.compare(ctx, auditId(base), auditId(head));
  }

  @Auth(Role.USER, WorkspaceRole.MEMBER)
  @AllowApiKey(ApiKeyScope.AUDITS_WRITE)
  // The default; RATE_LIMIT_CREATE_AUDIT_PER_MINUTE replaces it (server/app.ts).
  @RateLimit(CREATE_AUDIT_RATE_LIMIT)
  @Mutation(() => AuditType, {
    description: 'Queues an audit; follow it with the auditProgress subscription.',
  })
  createAudit(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', { description: 'What to audit and how.' }) input: CreateAuditInput,
  ): Promise<Audit> {
    return ctx.services.audits.create(ctx, requireViewer(ctx), input);
  }

  @Auth(Role.USER, WorkspaceRole.MEMBER)
  @AllowApiKey(ApiKeyScope.AUDITS_WRITE)
  @RateLimit({ max: 5, window: '1m' })
  @Mutation(() => [CreateAuditResult], {
    description: 'Queues up to 50 audits; each item succeeds or fails on its own.',
  })
  createAudits(
    @Ctx() ctx: GraphQLContext,
    @Arg('input', { description: 'The audits to create, each validated on its own.' })
    input: CreateAuditsInput,
  ) {
    return ctx.services.audits.createMany(ctx, requireViewer(ctx), input.audits);
  }

  @Auth(Role.USER, WorkspaceRole.MEMBER)
  @AllowApiKey(ApiKeyScope.AUDITS_WRITE)
  @Mutation(() => AuditType, {
    description: 'Stops a queued or running audit (CONFLICT when it already ended).',
  })
  cancelAudit(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of a QUEUED or RUNNING audit.' }) id: string,
  ): Promise<Audit> {
    return ctx.services.audits.cancel(ctx, auditId(id));
  }

  @Auth(Role.USER, WorkspaceRole.MEMBER)
  @AllowApiKey(ApiKeyScope.AUDITS_WRITE)
  @Mutation(() => AuditType, { description: 'Queues a new audit with the same input.' })
  rerunAudit(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the audit whose input to run again.' }) id: string,
  ): Promise<Audit> {
    return ctx.services.audits.rerun(ctx, auditId(id));
  }

  @Auth(Role.USER, WorkspaceRole.MEMBER)
  @AllowApiKey(ApiKeyScope.AUDITS_WRITE)
  @Mutation(() => Boolean, { description: 'Deletes an audit and its findings (a running one is stopped).' })
  deleteAudit(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the audit to delete with its results.' }) id: string,
  ): Promise<boolean> {
    return ctx.services.audits.delete(ctx, auditId(id));
  }

  @Auth(Role.USER, WorkspaceRole.VIEWER)
  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @Subscription(() => AuditProgressType, {
    description:
      'Progress of an audit: the current state first, then live events; ends after a terminal status.',
    subscribe: ({ args, context }) =>
      (context as GraphQLContext).services.audits.progressStream(
        context as GraphQLContext,
        auditId((args as { id: string }).id),
      ),
  })
  auditProgress(
    @Root() event: AuditProgressEvent,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('id', () => ID, { description: 'Global id of an audit the viewer may see.' }) _id: string,
  ): Omit<AuditProgressEvent, 'at'> & { at: Date } {
    // Only `audit` reads anything: then the event reads current data, with a unit of work of
    // its own. Without it an idle stream holds none (10,000 streams, 10,000 fewer).
    if (selectedFields(info).has('audit')) renewRequestScope(ctx);
    return { ...event, at: new Date(event.at) };
  }
}

@Resolver(() => CategoryScore)
export class CategoryScoreResolver {
  @FieldResolver(() => Boolean)
  applicable(@Root() category: StoredCategoryScore): boolean {
    return categoryApplies(category);
  }

  @FieldResolver(() => String, { nullable: true })
  reason(@Root() category: StoredCategoryScore): string | null {
    return category.reason ?? null;
  }
}

@Resolver()
export class CheckCatalogueResolver {
  @Public()
  @Query(() => [CheckDefinitionType], {
    description: 'The SITE check catalogue: what each check checks, why it matters, its source and weight.',
  })
  checks(@Ctx() ctx: GraphQLContext): readonly CheckDefinition[] {
    return ctx.services.results.catalogue();
  }
}

@Resolver(() => AuditProgressType)
export class AuditProgressResolver {
  @FieldResolver(() => AuditType, { description: 'The audit, as it is now.' })
  async audit(@Root() event: AuditProgressEvent, @Ctx() ctx: GraphQLContext): Promise<Audit> {
    // The same visibility rule as a query, with the stream's current viewer. Null also for the
    // last event of a deleted audit: there is no audit to show any more.
    const audit = await ctx.services.audits.findVisible(ctx, event.auditId);
    if (!audit) throw notFound('Audit');
    return audit;
  }
}

@Resolver(() => UserType)
export class UserAuditsResolver {
  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @FieldResolver(() => AuditConnection, {
    description: 'The audits this user created, in the workspaces you can see.',
  })
  audits(
    @Root() user: User,
    @Ctx() ctx: GraphQLContext,
    @Args() args: AuditsArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.audits.list(
      ctx,
      requireViewer(ctx),
      args,
      { ownerId: user.id },
      connectionWants(info),
    );
  }
}

@Resolver(() => WorkspaceType)
export class WorkspaceAuditsResolver {
  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @FieldResolver(() => AuditConnection, { description: "The workspace's audits." })
  audits(
    @Root() workspace: Workspace,
    @Ctx() ctx: GraphQLContext,
    @Args() args: AuditsArgs,
    @Info() info: GraphQLResolveInfo,
  ) {
    return ctx.services.audits.list(
      ctx,
      requireViewer(ctx),
      args,
      { workspaceId: workspace.id },
      connectionWants(info),
    );
  }
}
