// Reports: share links to audit reports, and the result document the report route renders.
import type { AppModule } from '../module.types.js';
import { ReportLink } from './report-link.entity.js';
import { AuditReportLinksResolver, ReportLinkResolver } from './report-link.resolver.js';

export const reportsModule: AppModule = {
  name: 'reports',
  entities: [ReportLink],
  resolvers: [ReportLinkResolver, AuditReportLinksResolver],
  nodeTypes: [
    {
      name: 'ReportLink',
      entity: ReportLink,
      fetch: (ctx, id) => ctx.services.reportLinks.findVisible(ctx, id),
    },
  ],
};
