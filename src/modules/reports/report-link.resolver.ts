import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import { fromGlobalId } from '../../common/global-id.js';
import { AllowApiKey, Auth } from '../../graphql/directives/auth.js';
import { RateLimit } from '../../graphql/directives/rate-limit.js';
import type { GraphQLContext } from '../../graphql/context.js';
import { ApiKeyScope } from '../api-keys/api-key.entity.js';
import type { Audit } from '../audits/audit.entity.js';
import { AuditType } from '../audits/audit.types.js';
import { Role } from '../users/user.entity.js';
import { WorkspaceRole } from '../workspaces/workspace.entity.js';
import type { ReportLink } from './report-link.entity.js';
import { linkState, ReportLinkState } from './report-link.service.js';
import { ReportLinkType } from './report-link.types.js';

@Resolver(() => ReportLinkType)
export class ReportLinkResolver {
  @FieldResolver(() => String)
  url(@Root() link: ReportLink, @Ctx() ctx: GraphQLContext): string {
    return link.shareUrl ?? ctx.services.reportLinks.reportUrl(link.audit.id);
  }

  @FieldResolver(() => ReportLinkState)
  state(@Root() link: ReportLink): ReportLinkState {
    return linkState(link);
  }

  @Auth(Role.USER, WorkspaceRole.MEMBER)
  @AllowApiKey(ApiKeyScope.AUDITS_WRITE)
  @RateLimit({ max: 30, window: '1m' })
  @Mutation(() => ReportLinkType, {
    description:
      'A share link to the audit report (MEMBER and up; a VIEWER reads but does not share). ' +
      'expiresInSeconds: default 604800 (7 days), 60 to 7776000 (90 days). The `url` with its token is shown once.',
  })
  createReportLink(
    @Ctx() ctx: GraphQLContext,
    @Arg('auditId', () => ID, { description: 'Global id of the audit to share.' }) auditId: string,
    @Arg('expiresInSeconds', () => Int, {
      nullable: true,
      description: 'Lifetime in seconds: default 604800 (7 days), 60 to 7776000 (90 days).',
    })
    expiresInSeconds?: number | null,
  ): Promise<ReportLink> {
    return ctx.services.reportLinks.create(ctx, fromGlobalId(auditId, 'Audit').id, expiresInSeconds);
  }

  @Auth(Role.USER, WorkspaceRole.MEMBER)
  @AllowApiKey(ApiKeyScope.AUDITS_WRITE)
  @Mutation(() => Boolean, {
    description: 'Revokes a share link at once (MEMBER and up); revoking it again is a no-op.',
  })
  revokeReportLink(
    @Ctx() ctx: GraphQLContext,
    @Arg('id', () => ID, { description: 'Global id of the share link.' }) id: string,
  ): Promise<boolean> {
    return ctx.services.reportLinks.revoke(ctx, fromGlobalId(id, 'ReportLink').id);
  }
}

@Resolver(() => AuditType)
export class AuditReportLinksResolver {
  @AllowApiKey(ApiKeyScope.AUDITS_READ)
  @FieldResolver(() => [ReportLinkType], {
    description: "The audit's share links, newest first, active, expired and revoked (never their tokens).",
  })
  reportLinks(@Root() audit: Audit, @Ctx() ctx: GraphQLContext): Promise<ReportLink[]> {
    return ctx.services.reportLinks.listFor(ctx, audit);
  }
}
