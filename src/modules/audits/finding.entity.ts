import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Audit } from './audit.entity.js';

export enum Severity {
  CRITICAL = 'CRITICAL',
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
  INFO = 'INFO',
}

/** One problem (or notable fact) an audit found, with its evidence and the fix. */
@Entity({ tableName: 'findings' })
@Index({ properties: ['audit', 'rank'] })
@Index({ properties: ['audit', 'severity', 'rank'] })
export class Finding {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Audit, { deleteRule: 'cascade' })
  audit!: Audit;

  /** Position in the report (0 = costs the most points): the order findings are listed in. */
  @Property({ type: 'integer' })
  rank!: number;

  @Property({ type: 'string', length: 100 })
  checkId!: string;

  @Property({ type: 'string', length: 50 })
  category!: string;

  @Enum({ items: () => Severity, nativeEnumName: 'finding_severity' })
  severity!: Severity;

  @Property({ type: 'string', length: 300 })
  title!: string;

  @Property({ type: 'text' })
  detail!: string;

  @Property({ type: 'text' })
  recommendation!: string;

  @Property({ type: 'json' })
  urls!: string[];

  @Property({ type: 'double' })
  pointsLost!: number;
}
