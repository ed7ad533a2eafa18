// An audit's results field by field, read from its stored `details` (src/audit-engine/result.ts
// is the shape): crawled pages, checks, bot access and skipped URLs of SITE audits, answers of
// VISIBILITY audits. Every read goes through the `auditDetails` loader (one query per batch), and
// rows stored before a field existed read as empty lists, never as errors.
import type {
  BotAccessRow,
  CheckDefinition,
  CheckOutcome,
  CrawlOutcome,
  PageSummary,
  SkippedUrl,
} from '../../audit-engine/result.js';
import { CHECK_CATALOGUE } from '../../audit-engine/site/index.js';
import {
  hostMatchesDomain,
  type AnswerAnalysis,
  type Citation,
  type EngineAnswer,
} from '../../audit-engine/visibility/index.js';
import { paginateList, type Connection, type PageArgs } from '../../common/pagination.js';
import type { RequestContext } from '../auth/viewer.js';
import { AuditKind, type Audit } from './audit.entity.js';
import { auditDetails } from './audit.loaders.js';
/** A crawl outcome as the API shows it (status: the CrawlOutcomeStatus enum's values). */
export interface CrawlOutcomeView {
  status: 'AUDITED' | 'BLOCKED';
  reason: string | null;
  complete: boolean;
  limitsReached: string[];
}

/** What results need of an audit: an entity or a list's row (audit-row.ts) both have it. */
type ResultsOf = Pick<Audit, 'id' | 'kind' | 'input'>;

/** A brand named in an answer, in order of first mention. */
export interface AnswerMention {
  name: string;
  brand: boolean;
  /** 1-based rank among the brands named. */
  position: number;
  /** Offset of the first mention in the normalized answer text, when known. */
  offset: number | null;
}

export interface AnswerCitation {
  url: string;
  title: string | null;
  /** On the brand's domain. */
  brand: boolean;
}

/** One stored answer as the API shows it. */
export interface AnswerView {
  engine: string;
  model: string;
  prompt: string;
  sample: number;
  text: string;
  mentioned: boolean;
  position: number | null;
  mentions: AnswerMention[];
  citations: AnswerCitation[];
  sources: AnswerCitation[];
  sentiment: number | null;
  cached: boolean;
  latencyMs: number | null;
  tokens: { input: number; output: number };
  locale: EngineAnswer['locale'] | null;
}

type StoredAnswer = Partial<EngineAnswer> & {
  analysis?: Partial<AnswerAnalysis> & {
    /** Added by newer engines: every brand named, with its rank and offset. */
    mentions?: Array<{ name: string; brand: boolean; position: number; offset?: number | null }>;
  };
};

const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/** The brands an answer names, in order: the engine's list when stored, else rebuilt from the analysis. */
function mentionsOf(answer: StoredAnswer, brand: string): AnswerMention[] {
  const analysis = answer.analysis;
  if (!analysis) return [];
  if (Array.isArray(analysis.mentions)) {
    return analysis.mentions.map((mention) => ({
      name: mention.name,
      brand: Boolean(mention.brand),
      position: mention.position,
      offset: mention.offset ?? null,
    }));
  }
  const names = list<string>(analysis.competitorsMentioned).map((name) => ({ name, brand: false }));
  if (analysis.brandMentioned) {
    const at = Math.min(Math.max(0, (analysis.brandPosition ?? 1) - 1), names.length);
    names.splice(at, 0, { name: brand, brand: true });
  }
  return names.map((mention, index) => ({
    ...mention,
    position: index + 1,
    offset: mention.brand ? (analysis.brandFirstOffset ?? null) : null,
  }));
}

function citationsOf(citations: unknown, domain: string): AnswerCitation[] {
  return list<Citation>(citations).map((citation) => {
    let brand = false;
    try {
      brand = hostMatchesDomain(new URL(citation.url).hostname, domain);
    } catch {
      // not a URL: not the brand's
    }
    return { url: citation.url, title: citation.title ?? null, brand };
  });
}

function answerView(answer: StoredAnswer, audit: ResultsOf): AnswerView {
  const brand = audit.input.brand ?? '';
  const analysis = answer.analysis;
  return {
    engine: answer.engine ?? analysis?.engine ?? '',
    model: answer.model ?? '',
    prompt: answer.prompt ?? analysis?.prompt ?? '',
    sample: answer.sample ?? analysis?.sample ?? 0,
    text: answer.text ?? '',
    mentioned: Boolean(analysis?.brandMentioned),
    position: analysis?.brandPosition ?? null,
    mentions: mentionsOf(answer, brand),
    citations: citationsOf(answer.citations, audit.input.url),
    sources: citationsOf(answer.sources, audit.input.url),
    sentiment: analysis?.sentiment ?? null,
    cached: Boolean(answer.cached),
    latencyMs: answer.latencyMs ?? null,
    tokens: { input: answer.usage?.inputTokens ?? 0, output: answer.usage?.outputTokens ?? 0 },
    locale: answer.locale && Object.keys(answer.locale).length ? answer.locale : null,
  };
}

export class AuditResults {
  /** The stored details of a SITE audit (null for other kinds and audits without results). */
  private async siteDetails(ctx: RequestContext, audit: ResultsOf): Promise<Record<string, unknown> | null> {
    if (audit.kind !== AuditKind.SITE) return null;
    return ctx.loaders.get(auditDetails).load(audit.id);
  }

  async pages(ctx: RequestContext, audit: ResultsOf, args: PageArgs): Promise<Connection<PageSummary>> {
    const pages = list<Partial<PageSummary> & { url: string }>((await this.siteDetails(ctx, audit))?.pages);
    // Older rows lack fields that came later: their defaults, not errors on non-null fields.
    const complete = pages.map((page) => ({
      finalUrl: page.url,
      redirects: [],
      status: null,
      error: null,
      depth: 0,
      title: null,
      words: null,
      bytes: 0,
      contentType: null,
      indexable: false,
      truncated: false,
      structuredData: [],
      failedChecks: [],
      ...page,
      fetchMs: typeof page.fetchMs === 'number' ? Math.round(page.fetchMs) : null,
    }));
    return paginateList(complete, args, `pages:${audit.id}`);
  }

  /** How the crawl ended; null before results exist. Rows stored before outcomes existed were audited. */
  async crawlOutcome(ctx: RequestContext, audit: ResultsOf): Promise<CrawlOutcomeView | null> {
    const details = await this.siteDetails(ctx, audit);
    if (!details) return null;
    const outcome = details.outcome as Partial<CrawlOutcome> | undefined;
    const limitSkips = (details.skippedTotal as { limit?: number } | undefined)?.limit ?? 0;
    return {
      status: outcome?.status === 'blocked' ? 'BLOCKED' : 'AUDITED',
      reason: outcome?.reason ?? null,
      complete: outcome?.complete ?? limitSkips === 0,
      limitsReached: list<string>(outcome?.limitsReached),
    };
  }

  async checks(ctx: RequestContext, audit: ResultsOf): Promise<CheckOutcome[]> {
    return list<CheckOutcome>((await this.siteDetails(ctx, audit))?.checks).filter(
      (check) => typeof check?.status === 'string',
    );
  }

  async botAccess(ctx: RequestContext, audit: ResultsOf): Promise<BotAccessRow[]> {
    return list<BotAccessRow>((await this.siteDetails(ctx, audit))?.botAccess)
      .filter((row) => typeof row?.robots === 'string')
      .map((row) => ({ description: null, source: null, checked: null, ...row }) as BotAccessRow);
  }

  async skipped(ctx: RequestContext, audit: ResultsOf): Promise<SkippedUrl[]> {
    return list<SkippedUrl>((await this.siteDetails(ctx, audit))?.skipped).filter(
      (row) => typeof row?.reason === 'string',
    );
  }

  /** The answers of a VISIBILITY audit in the order asked, optionally of one engine. */
  async answers(
    ctx: RequestContext,
    audit: ResultsOf,
    args: PageArgs & { engine?: string | null },
  ): Promise<Connection<AnswerView>> {
    const details =
      audit.kind === AuditKind.VISIBILITY ? await ctx.loaders.get(auditDetails).load(audit.id) : null;
    const answers = list<StoredAnswer>(details?.answers)
      .filter((answer) => !args.engine || answer.engine === args.engine)
      .map((answer) => answerView(answer, audit));
    return paginateList(answers, args, `answers:${audit.id}:${args.engine ?? ''}`);
  }

  /** The SITE check catalogue: what each check checks, why, and its weight. */
  catalogue(): readonly CheckDefinition[] {
    return CHECK_CATALOGUE;
  }
}
