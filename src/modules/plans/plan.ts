/** A workspace's plan: what decides its quotas. Workspaces without a plan row are FREE. */
export enum Plan {
  FREE = 'FREE',
  PRO = 'PRO',
}

export interface PlanLimits {
  /** Audits created in any rolling 24 hours (deleting an audit gives nothing back). */
  auditsPerDay: number;
  /** Audits QUEUED or RUNNING at once. */
  concurrentAudits: number;
  /** SITE: the most pages one audit may crawl (the global AUDIT_MAX_PAGES_LIMIT still applies). */
  maxPagesPerAudit: number;
  /** VISIBILITY: the most prompts one audit may ask. */
  maxPromptsPerAudit: number;
  /** Projects in one workspace. */
  maxProjects: number;
  /** The shortest interval a project's schedule may have between two runs. */
  minScheduleMinutes: number;
}
