// Reports say how the crawl ended: blocked by robots.txt (no score, the reason), partial (which
// bound), or complete.
import { describe, expect, it } from '@jest/globals';
import type { AuditResultDocument, SiteDetails } from '../../src/audit-engine/result.js';
import { renderReport } from '../../src/reports/render.js';
import { CATALOGUE, siteDocument } from './documents.js';

const REASON =
  'blocked by robots.txt for AEOAuditBot: https://shop.example/robots.txt disallows / for AEOAuditBot (its "User-agent: *" group). No page was fetched or graded.';

function withOutcome(outcome: SiteDetails['outcome'], extra: Partial<AuditResultDocument> = {}) {
  const doc = siteDocument();
  return { ...doc, ...extra, site: { ...(doc.site as SiteDetails), outcome } };
}

const render = (doc: AuditResultDocument, format: 'md' | 'html') =>
  renderReport(doc, format, { checks: CATALOGUE, generatedAt: new Date('2026-01-01T00:00:00Z') }).body;

describe('the crawl outcome in reports', () => {
  it('shows a blocked audit with its reason', () => {
    const doc = withOutcome(
      { status: 'blocked', reason: REASON, complete: false, limitsReached: [] },
      {
        status: 'FAILED',
        score: null,
        grade: null,
        error: `https://shop.example/ cannot be audited: ${REASON}`,
      },
    );
    expect(render(doc, 'md')).toContain('**Crawl:** blocked by robots.txt for AEOAuditBot');
    expect(render(doc, 'html')).toContain('<strong>Crawl:</strong> blocked by robots.txt for AEOAuditBot');
  });

  it('says a crawl is partial and which bound stopped it', () => {
    const doc = withOutcome({
      status: 'audited',
      reason: null,
      complete: false,
      limitsReached: ['max-pages 50'],
    });
    (doc.site as SiteDetails).skippedTotal = { limit: 7, 'off-site': 2 };
    expect(render(doc, 'md')).toContain(
      'partial: max-pages 50 reached, 7 found URLs not audited (9 skipped in all)',
    );
  });

  it('says a crawl is complete', () => {
    const doc = withOutcome({ status: 'audited', reason: null, complete: true, limitsReached: [] });
    expect(render(doc, 'html')).toContain('<strong>Crawl:</strong> complete');
  });
});
