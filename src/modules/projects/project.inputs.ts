import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { AuditKind } from '../audits/audit.entity.js';
import { AuditRunFields } from '../audits/audit.inputs.js';
import { Severity } from '../audits/finding.entity.js';
import { TrendMetric } from '../audits/trend-metric.js';
import { AlertKind } from './project.entity.js';

export const MAX_ALERT_RULES = 20;

@InputType({ description: 'An alert rule: when it fires, a project event is recorded and delivered.' })
export class AlertRuleInput {
  @Field(() => AlertKind, { description: 'What the rule watches; the other fields it needs depend on it.' })
  kind!: AlertKind;

  @Field(() => Float, {
    nullable: true,
    description: 'SCORE_BELOW: the score (0..100) under which it fires; SCORE_DROP: the drop in points.',
  })
  @IsOptional()
  @IsNumber()
  threshold?: number | null;

  @Field(() => TrendMetric, { nullable: true, description: 'METRIC_DROP: the visibility metric watched.' })
  @IsOptional()
  metric?: TrendMetric | null;

  @Field(() => String, { nullable: true, description: 'METRIC_DROP: one engine (default: overall).' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  engine?: string | null;

  @Field(() => Severity, { nullable: true, description: 'NEW_FINDING: the least severity that fires.' })
  @IsOptional()
  severity?: Severity | null;
}

/** The fields a project's runs use, shared by creation and update (every field optional there). */
@InputType()
abstract class ProjectFields extends AuditRunFields {
  @Field(() => String, {
    nullable: true,
    description:
      'A 5-field cron expression (minute hour day-of-month month day-of-week), e.g. "0 6 * * 1"; null: ' +
      "manual runs only. Its shortest interval must respect the plan's minimum (minScheduleMinutes).",
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  schedule?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The IANA time zone the schedule is read in (default "UTC").',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  timezone?: string | null;

  @Field(() => [AlertRuleInput], {
    nullable: true,
    description: `Rules checked when a project audit ends (at most ${MAX_ALERT_RULES}); on update, replaces every rule.`,
  })
  @IsOptional()
  @ArrayMaxSize(MAX_ALERT_RULES)
  @ValidateNested({ each: true })
  alertRules?: AlertRuleInput[] | null;
}

@InputType({ description: 'A new project: a site (and brand) tracked over time.' })
export class CreateProjectInput extends ProjectFields {
  @Field({ description: "The project's name, shown in lists and alerts." })
  @IsString()
  @Length(1, 100)
  name!: string;

  @Field({ description: "The site to audit (SITE) and the brand's site (VISIBILITY)." })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @Field(() => [AuditKind], { description: 'The audits each run creates: SITE, VISIBILITY or both.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  kinds!: AuditKind[];

  @Field(() => ID, {
    nullable: true,
    description: 'The workspace it belongs to (MEMBER or higher there); default: your personal one.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  workspaceId?: string | null;
}

@InputType({ description: 'Changes to a project: every field optional (null clears a schedule).' })
export class UpdateProjectInput extends ProjectFields {
  @Field(() => String, { nullable: true, description: 'A new name.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'A new URL for later runs.' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string | null;

  @Field(() => [AuditKind], { nullable: true, description: 'The audit kinds each run creates.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  kinds?: AuditKind[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'A paused project keeps its schedule but does not run on it.',
  })
  @IsOptional()
  @IsBoolean()
  paused?: boolean | null;
}
