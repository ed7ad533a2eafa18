import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/relay/node.js';
import { connectionTypes } from '../../graphql/relay/connection.js';
import { AuditKind } from '../audits/audit.entity.js';
import { Severity } from '../audits/finding.entity.js';
import { ProjectEventType } from './project-event.entity.js';
import { TrendMetric } from '../audits/trend-metric.js';
import { AlertKind } from './project.entity.js';

registerEnumType(AlertKind, {
  name: 'AlertKind',
  description:
    'What an alert rule watches; rules are checked when a project audit ends, against the previous run.',
  valuesConfig: {
    SCORE_BELOW: { description: 'The score ends below `threshold`.' },
    SCORE_DROP: { description: 'The score fell by at least `threshold` points since the previous run.' },
    NEW_FINDING: { description: 'A finding of at least `severity` that the previous run did not have.' },
    METRIC_DROP: {
      description: 'A visibility `metric` fell significantly (5% level), overall or for `engine`.',
    },
    AUDIT_FAILED: { description: 'A run ended FAILED.' },
  },
});

registerEnumType(ProjectEventType, {
  name: 'ProjectEventType',
  description: 'What happened to a project.',
  valuesConfig: {
    RUN_STARTED: { description: 'An audit of a run started (by hand or on schedule).' },
    RUN_SKIPPED: { description: 'An audit of a run did not start; the message says why (e.g. a quota).' },
    AUDIT_SUCCEEDED: { description: 'A run’s audit succeeded.' },
    AUDIT_FAILED: { description: 'A run’s audit failed.' },
    ALERT: { description: 'An alert rule fired.' },
  },
});

@ObjectType('AlertRule', { description: 'An alert rule of a project.' })
export class AlertRuleType {
  @Field(() => AlertKind, { description: 'What the rule watches.' })
  kind!: AlertKind;

  @Field(() => Float, {
    nullable: true,
    description:
      'SCORE_BELOW: the score (0..100) under which it fires; SCORE_DROP: the drop in points; null for other kinds.',
  })
  threshold!: number | null;

  @Field(() => TrendMetric, {
    nullable: true,
    description: 'METRIC_DROP: the visibility metric watched; null for other kinds.',
  })
  metric!: TrendMetric | null;

  @Field(() => String, {
    nullable: true,
    description:
      'METRIC_DROP: the engine watched (openai, anthropic, perplexity, gemini, openai-compatible); null = overall.',
  })
  engine!: string | null;

  @Field(() => Severity, {
    nullable: true,
    description: 'NEW_FINDING: the least severity that fires; null for other kinds.',
  })
  severity!: Severity | null;
}

@ObjectType('Project', {
  implements: Node,
  description:
    'A site (and brand) tracked over time: each run creates one audit per kind, by hand or on the ' +
    'schedule. Visible to the members of its workspace only; API keys use the audit scopes ' +
    '(audits:read reads projects, audits:write changes and runs them).',
})
export class ProjectType extends Node {
  @Field({ description: "The project's name." })
  name!: string;

  @Field({ description: 'The site (SITE) and brand site (VISIBILITY) its audits look at.' })
  url!: string;

  @Field(() => [AuditKind], { description: 'The audit kinds each run creates.' })
  kinds!: AuditKind[];

  @Field(() => String, { nullable: true, description: 'The 5-field cron schedule; null: manual runs only.' })
  schedule!: string | null;

  @Field({ description: 'The IANA time zone the schedule is read in.' })
  timezone!: string;

  @Field({ description: 'A paused project does not run on its schedule (it can still be run by hand).' })
  paused!: boolean;

  @Field(() => Date, {
    nullable: true,
    description: 'When the schedule runs it next (null: no active schedule).',
  })
  nextRunAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it last ran, by hand or on schedule.' })
  lastRunAt!: Date | null;

  @Field(() => [AlertRuleType], { description: 'Rules checked when one of its audits ends.' })
  alertRules!: AlertRuleType[];

  @Field({ description: 'When the project was created.' })
  createdAt!: Date;
}

@ObjectType('ProjectEvent', { implements: Node, description: 'Something that happened to a project.' })
export class ProjectEventObject extends Node {
  @Field(() => ProjectEventType, { description: 'What kind of event.' })
  type!: ProjectEventType;

  @Field({ description: 'What happened, in words.' })
  message!: string;

  @Field({ description: 'When it happened.' })
  at!: Date;
}

@ObjectType('TrendPoint', {
  description:
    'One SUCCEEDED audit of a trend. For proportions, low/high are the 95% Wilson interval and n the ' +
    'denominator; null for the score, category scores and average position.',
})
export class TrendPointType {
  @Field({ description: 'When the audit was created.' })
  at!: Date;

  @Field(() => Float, {
    description: 'The measurement: 0..100 for scores, 0..1 for proportions, a rank for AVERAGE_POSITION.',
  })
  value!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Lower bound of the 95% interval (proportions); null for scores.',
  })
  low!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Upper bound of the 95% interval (proportions); null for scores.',
  })
  high!: number | null;

  @Field(() => Int, { nullable: true, description: 'The sample size behind a proportion; null for scores.' })
  n!: number | null;
}

export const ProjectConnection = connectionTypes(ProjectType, 'Project');
export const ProjectEventConnection = connectionTypes(ProjectEventObject, 'ProjectEvent');
