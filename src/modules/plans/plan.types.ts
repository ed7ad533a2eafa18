import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Plan } from './plan.js';

registerEnumType(Plan, {
  name: 'Plan',
  description:
    "A workspace's plan: it sets the audit quotas of everything in it (see `Workspace.quota`). New workspaces are FREE.",
  valuesConfig: {
    FREE: { description: 'The default plan, with the PLAN_FREE_* quotas of the server configuration.' },
    PRO: { description: 'The paid plan, with the PLAN_PRO_* quotas.' },
  },
});

@ObjectType({ description: 'A counted quota: how much is allowed and how much is used.' })
export class QuotaCounter {
  @Field(() => Int, { description: 'The most allowed in the window.' })
  limit!: number;

  @Field(() => Int, { description: 'How much of it is used now.' })
  used!: number;
}

@ObjectType({
  description:
    'Quotas of a plan and their use. Exceeding one answers QUOTA_EXCEEDED with ' +
    '`extensions { quota limit used retryAfterSeconds }`.',
})
export class Quota {
  @Field(() => Plan, { description: 'The plan whose quotas these are.' })
  plan!: Plan;

  @Field(() => QuotaCounter, { description: 'Audits created in the last 24 hours (rolling window).' })
  auditsPerDay!: QuotaCounter;

  @Field(() => QuotaCounter, { description: 'Audits QUEUED or RUNNING now.' })
  concurrentAudits!: QuotaCounter;

  @Field(() => Int, { description: 'SITE: most pages one audit may crawl.' })
  maxPagesPerAudit!: number;

  @Field(() => Int, { description: 'VISIBILITY: most prompts one audit may ask.' })
  maxPromptsPerAudit!: number;

  @Field(() => QuotaCounter, { description: 'Projects in the workspace.' })
  projects!: QuotaCounter;

  @Field(() => Int, { description: "The shortest interval a project's schedule may have, in minutes." })
  minScheduleMinutes!: number;
}
