import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/relay/node.js';
import { ReportLinkState } from './report-link.service.js';

registerEnumType(ReportLinkState, {
  name: 'ReportLinkState',
  description: 'ACTIVE: opens the report. EXPIRED: past expiresAt. REVOKED: revoked by a member.',
  valuesConfig: {
    ACTIVE: { description: 'Opens the report.' },
    EXPIRED: { description: 'Past `expiresAt`: answers 404.' },
    REVOKED: { description: 'Revoked by a member: answers 404.' },
  },
});

@ObjectType('ReportLink', {
  implements: Node,
  description:
    'A share link to an audit report: anyone holding it reads the report (every format) without signing in, ' +
    'until it expires or is revoked. Only a hash of its token is kept: the full link is shown once.',
})
export class ReportLinkType extends Node {
  @Field({
    description:
      'From createReportLink: the full shareable link, `<PUBLIC_URL>/reports/<audit id>.html?token=<token>`, ' +
      'shown this once. Listed later (Audit.reportLinks): the report address without the token.',
  })
  url!: string;

  @Field(() => ReportLinkState, { description: 'Whether the link still opens the report.' })
  state!: ReportLinkState;

  @Field({ description: 'When the link stops working.' })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while not revoked.' })
  revokedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the link last opened the report; null: never.' })
  lastUsedAt!: Date | null;

  @Field({ description: 'When it was created.' })
  createdAt!: Date;
}
