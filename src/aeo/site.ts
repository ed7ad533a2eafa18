// `aeo site <url>`: a SITE audit run in this process (no server, no database).
import { resultDocument, type AuditResultDocument } from '../audit-engine/result.js';
import { createAnalysisPool } from '../audit-engine/site/analysis-pool.js';
import { runSiteAudit } from '../audit-engine/site/index.js';
import type { ProgressCallback } from '../audit-engine/report.js';

export interface SiteCommandOptions {
  maxPages?: number;
  allowPrivate: string[];
  /** Headless Chromium (CHROMIUM_PATH) for the rendered-text comparison. */
  chromiumPath?: string;
  signal: AbortSignal;
  onProgress: ProgressCallback;
}

export async function auditSite(url: string, options: SiteCommandOptions): Promise<AuditResultDocument> {
  const createdAt = new Date().toISOString();
  // Our own pool, closed when done: its worker threads must not keep the process alive.
  const analysis = createAnalysisPool();
  try {
    const report = await runSiteAudit(url, {
      signal: options.signal,
      onProgress: options.onProgress,
      allowedPrivateHosts: options.allowPrivate,
      analysis,
      chromiumPath: options.chromiumPath,
      ...(options.maxPages === undefined ? {} : { limits: { maxPages: options.maxPages } }),
    });
    const startUrl = typeof report.details?.startUrl === 'string' ? report.details.startUrl : url;
    return resultDocument(
      {
        id: null,
        kind: 'SITE',
        url: startUrl,
        status: 'SUCCEEDED',
        error: null,
        createdAt,
        finishedAt: new Date().toISOString(),
      },
      report,
    );
  } finally {
    await analysis.close();
  }
}
