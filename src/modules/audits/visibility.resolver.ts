import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../../graphql/context.js';
import type { Audit } from './audit.entity.js';
import { AuditType } from './audit.types.js';
import type { AuditCostView } from './visibility-cost.js';
import { AuditCost } from './visibility.types.js';

@Resolver(() => AuditType)
export class AuditCostResolver {
  @FieldResolver(() => AuditCost, {
    nullable: true,
    description:
      'VISIBILITY audits: the estimated cost (from the moment the audit is created) and, once it ran, the ' +
      'actual cost and whether its budget stopped it (null for SITE).',
  })
  cost(@Root() audit: Audit, @Ctx() ctx: GraphQLContext): Promise<AuditCostView | null> {
    return ctx.services.visibilityCosts.of(ctx, audit);
  }
}
