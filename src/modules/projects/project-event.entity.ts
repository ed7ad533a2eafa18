import { randomUUID } from 'node:crypto';
import { OptionalProps } from '@mikro-orm/core';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Audit } from '../audits/audit.entity.js';
import { Project } from './project.entity.js';

export enum ProjectEventType {
  RUN_STARTED = 'RUN_STARTED',
  RUN_SKIPPED = 'RUN_SKIPPED',
  AUDIT_SUCCEEDED = 'AUDIT_SUCCEEDED',
  AUDIT_FAILED = 'AUDIT_FAILED',
  ALERT = 'ALERT',
}

/** What happened to a project, newest last: runs started or skipped (and why), outcomes, alerts. */
@Entity({ tableName: 'project_events' })
@Index({ properties: ['project', 'createdAt', 'id'] })
// One outcome per audit, however often its end is heard (project-outcomes.ts relies on it).
@Index({
  name: 'project_events_outcome_unique',
  expression:
    'create unique index "project_events_outcome_unique" on "project_events" ("audit_id") where "type" in (\'AUDIT_SUCCEEDED\', \'AUDIT_FAILED\')',
})
export class ProjectEvent {
  [OptionalProps]?: 'audit' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { deleteRule: 'cascade' })
  project!: Project;

  @ManyToOne(() => Audit, { nullable: true, deleteRule: 'set null' })
  audit: Audit | null = null;

  @Enum({ items: () => ProjectEventType, nativeEnumName: 'project_event_type' })
  type!: ProjectEventType;

  @Property({ type: 'string', length: 1000 })
  message!: string;

  @Property({ type: 'datetime' })
  createdAt: Date = new Date();
}
