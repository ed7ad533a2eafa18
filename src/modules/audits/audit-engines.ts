// Which engine runs which audit kind, with the operator's configuration applied.
import type { AuditReport, ProgressCallback } from '../../audit-engine/report.js';
import type { AnalysisPool } from '../../audit-engine/site/analysis-pool.js';
import { runSiteAudit, type FetchedPage } from '../../audit-engine/site/index.js';
import {
  isEngineName,
  runVisibilityAudit,
  type AnswerCache,
  type EngineCallOutcome,
  type EngineName,
} from '../../audit-engine/visibility/index.js';
import type { Config } from '../../config.js';
import { AuditKind, type AuditInputData } from './audit.entity.js';

export interface EngineRun {
  signal: AbortSignal;
  onProgress: ProgressCallback;
  /** SITE: each page requested and kept. */
  onPageFetched?: (page: FetchedPage) => void;
  /** VISIBILITY: how each answer was obtained. */
  onEngineCall?: (engine: EngineName, outcome: EngineCallOutcome) => void;
}

export type AuditEngine = (input: AuditInputData, run: EngineRun) => Promise<AuditReport>;

export function createAuditEngines(
  config: Config,
  answerCache: AnswerCache,
  analysis: AnalysisPool,
): Record<AuditKind, AuditEngine> {
  return {
    [AuditKind.SITE]: (input, run) =>
      runSiteAudit(input.url, {
        signal: run.signal,
        onProgress: run.onProgress,
        limits: {
          maxPages: input.maxPages ?? config.audits.defaultMaxPages,
          concurrencyPerHost: config.audits.crawlConcurrencyPerHost,
        },
        allowedPrivateHosts: config.auditAllowedPrivateHosts,
        analysis,
        chromiumPath: config.audits.chromiumPath,
        onPageFetched: run.onPageFetched,
      }),
    [AuditKind.VISIBILITY]: (input, run) =>
      runVisibilityAudit(
        {
          brand: input.brand ?? '',
          aliases: input.aliases ?? [],
          competitors: input.competitors ?? [],
          domain: input.url,
          prompts: input.prompts ?? [],
          engines: (input.engines ?? []).filter(isEngineName),
          locale: input.locale ?? null,
          brandFacts: input.brandFacts ?? [],
        },
        {
          engines: config.visibility.engines,
          samples: input.samples ?? config.visibility.samples,
          fresh: input.fresh ?? false,
          prices: config.visibility.prices,
          budgetUsd: input.budgetUsd ?? null,
          cache: answerCache,
          cacheTtlMs: config.visibility.cacheTtlSeconds * 1000,
          signal: run.signal,
          onProgress: run.onProgress,
          onEngineCall: run.onEngineCall,
        },
      ),
  };
}
