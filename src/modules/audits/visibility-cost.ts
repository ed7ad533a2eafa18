// What a VISIBILITY audit costs: the estimate from its input and the server's price table (shown
// from the moment it is created), and once it ran, what it actually spent against its budget.
import { AuditInputError } from '../../audit-engine/report.js';
import {
  estimateVisibilityCost,
  type CostReport,
  type VisibilityCost,
} from '../../audit-engine/visibility/index.js';
import type { Config } from '../../config.js';
import type { RequestContext } from '../auth/viewer.js';
import { AuditKind, type Audit } from './audit.entity.js';
import { auditDetails } from './audit.loaders.js';

export interface AuditCostView {
  estimate: CostReport | null;
  actual: CostReport | null;
  budgetUsd: number | null;
  stoppedByBudget: boolean;
  skippedAnswers: number;
}

export class VisibilityCosts {
  constructor(private readonly config: Config) {}

  /** The estimate of a visibility input, or null when its engines are no longer configured. */
  estimate(input: { prompts?: string[]; engines?: string[]; samples?: number | null }): CostReport | null {
    try {
      return estimateVisibilityCost(
        {
          prompts: input.prompts ?? [],
          engines: input.engines ?? [],
          samples: input.samples ?? this.config.visibility.samples,
        },
        this.config.visibility.engines,
        this.config.visibility.prices,
      );
    } catch (error) {
      if (error instanceof AuditInputError) return null;
      throw error;
    }
  }

  /** Null for SITE audits. Before the run: the estimate; after it, the stored estimate and actual cost. */
  async of(ctx: RequestContext, audit: Audit): Promise<AuditCostView | null> {
    if (audit.kind !== AuditKind.VISIBILITY) return null;
    const details = await ctx.loaders.get(auditDetails).load(audit.id);
    const stored = details?.cost as VisibilityCost | undefined;
    return {
      estimate: stored?.estimate ?? this.estimate(audit.input),
      actual: stored?.actual ?? null,
      budgetUsd: stored?.budgetUsd ?? audit.input.budgetUsd ?? null,
      stoppedByBudget: stored?.stoppedByBudget ?? false,
      skippedAnswers: stored?.skippedAnswers ?? 0,
    };
  }
}
