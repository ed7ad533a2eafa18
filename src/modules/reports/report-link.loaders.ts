// Batched reads of report links: the links of many audits in one query.
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { ReportLink } from './report-link.entity.js';

/** The links of each audit, newest first. */
export const reportLinksOfAudit = (em: EntityManager) =>
  new DataLoader<string, ReportLink[]>(async (auditIds) => {
    const links = await em.find(
      ReportLink,
      { audit: { $in: [...auditIds] } },
      { orderBy: { createdAt: 'desc', id: 'desc' } },
    );
    return auditIds.map((id) => links.filter((link) => link.audit.id === id));
  });
