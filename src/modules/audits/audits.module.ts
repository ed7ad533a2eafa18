// Audits: SITE and VISIBILITY audits, their findings, live progress and the answer cache.
import type { AppModule } from '../module.types.js';
import { AnswerCacheEntry } from './answer-cache.entity.js';
import { AuditRow } from './audit-row.js';
import { Audit } from './audit.entity.js';
import { FindingRow } from './audit.loaders.js';
import {
  AuditProgressResolver,
  AuditResolver,
  CategoryScoreResolver,
  CheckCatalogueResolver,
  UserAuditsResolver,
  WorkspaceAuditsResolver,
} from './audit.resolver.js';
import { Finding } from './finding.entity.js';
import { AuditCostResolver } from './visibility.resolver.js';

export const auditsModule: AppModule = {
  name: 'audits',
  entities: [Audit, Finding, AnswerCacheEntry],
  resolvers: [
    AuditResolver,
    AuditProgressResolver,
    CategoryScoreResolver,
    CheckCatalogueResolver,
    UserAuditsResolver,
    WorkspaceAuditsResolver,
    AuditCostResolver,
  ],
  nodeTypes: [
    {
      name: 'Audit',
      entity: Audit,
      rows: [AuditRow],
      fetch: (ctx, id) => ctx.services.audits.findVisible(ctx, id),
    },
    {
      name: 'Finding',
      entity: Finding,
      rows: [FindingRow],
      // A finding is visible with its audit.
      fetch: async (ctx, id) => {
        const finding = await ctx.em.findOne(Finding, { id });
        return finding && (await ctx.services.audits.findVisible(ctx, finding.audit.id)) ? finding : null;
      },
    },
  ],
};
