import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Plan } from './plan.js';

registerEnumType(Plan, {
  name: 'Plan',
  description:
    "A workspace's plan: it sets the audit quotas of everything in it (see `Workspace.quota`). New workspaces are FREE.",
});

@ObjectType({ description: 'A counted quota: how much is allowed and how much is used.' })
export class QuotaCounter {
  @Field(() => Int)
  limit!: number;

  @Field(() => Int)
  used!: number;
}

@ObjectType({
  description:
    'Quotas of a plan and their use. Exceeding one answers QUOTA_EXCEEDED with ' +
    '`extensions { quota limit used retryAfterSeconds }`.',
})
export class Quota {
  @Field(() => Plan)
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
