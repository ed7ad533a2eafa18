// Site-engine throughput: serves a generated 1,000-page site on loopback and audits all of it
// (targets: ≥ 500 pages/s, peak heap under 128 MB, no event-loop stall of 50 ms); then how long
// hostile sitemaps (five gzip bombs of <url> elements without <loc>) block the event loop,
// which the API shares with the in-process worker (target: under 50 ms).
// Run: npx tsc -p tsconfig.build.json && node dist/bench/site-engine.bench.js [pages]
// The fixture server runs in the same process, so memory figures include it.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { createSafeFetcher } from '../src/audit-engine/net/safe-fetch.js';
import { readSitemaps } from '../src/audit-engine/site/crawler/sitemap.js';
import { runSiteAudit } from '../src/audit-engine/site/index.js';

const PAGES = Number(process.argv[2] ?? 1000);
const FANOUT = 10;
/** Issue 14's targets: pages per second, and memory that does not grow with the site. */
const PAGES_PER_SECOND = 500;
const HEAP_BOUND = 128 * 1024 * 1024;

const paragraph =
  'Our team tests every plan with real customers each month. About 85% of users finish setup in under ten minutes. ' +
  'The tool works on phones, tablets and desktop computers, and you can export your data at any time.';

function pageHtml(origin: string, i: number): string {
  const children = Array.from({ length: FANOUT }, (_, k) => i * FANOUT + k + 1).filter((c) => c < PAGES);
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Article',
    headline: `Page ${i}`,
    author: { '@type': 'Person', name: 'Jane Doe' },
    datePublished: '2025-06-01',
    dateModified: '2025-06-01',
  };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Generated benchmark page number ${i}</title>
<meta name="description" content="A generated page used to measure how fast the site audit engine crawls and checks pages.">
<link rel="canonical" href="${origin}/p/${i}">
<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>
</head><body><nav><a href="/">Home</a> <a href="/about">About</a></nav>
<main><h1>Page ${i}</h1><p>${paragraph}</p><h2>How does page ${i} work?</h2>
${`<p>${paragraph}</p>`.repeat(8)}
<ul>${children.map((c) => `<li><a href="/p/${c}">Page ${c}</a></li>`).join('')}</ul>
<p>Source: <a href="https://www.w3.org/TR/html52/">W3C</a></p></main></body></html>`;
}

async function main(): Promise<void> {
  const server = createServer((req, res) => {
    const origin = `http://${req.headers.host}`;
    const match = /^\/p\/(\d+)$/.exec(req.url ?? '');
    if (req.url === '/') res.writeHead(302, { location: '/p/0' }).end();
    else if (match && Number(match[1]) < PAGES) {
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(pageHtml(origin, Number(match[1])));
    } else res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let peakHeap = 0;
  const sampler = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }, 20);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  const report = await runSiteAudit(`${origin}/p/0`, {
    allowedPrivateHosts: ['127.0.0.1'],
    limits: { maxPages: PAGES, maxDepth: 10 },
  });
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  clearInterval(sampler);
  server.close();

  const stats = (report.details as { stats: { pagesFetched: number } }).stats;
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  console.log(`pages fetched:     ${stats.pagesFetched}`);
  console.log(`total time:        ${seconds.toFixed(2)} s`);
  const perSecond = stats.pagesFetched / seconds;
  const met = (ok: boolean) => (ok ? 'met' : 'NOT met');
  console.log(
    `pages per second:  ${perSecond.toFixed(1)} (target ≥ ${PAGES_PER_SECOND}: ${met(perSecond >= PAGES_PER_SECOND)})`,
  );
  console.log(`peak RSS:          ${mb(process.resourceUsage().maxRSS * 1024)} MB`);
  console.log(
    `peak heap used:    ${mb(peakHeap)} MB (bounded: < ${mb(HEAP_BOUND)} MB: ${met(peakHeap < HEAP_BOUND)})`,
  );
  console.log(
    `event-loop delay:  p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms ` +
      `(target < 50 ms: ${met(delay.max / 1e6 < 50)})`,
  );
  console.log(`score:             ${report.score} (${report.grade}), ${report.findings.length} findings`);
}

/** The longest event-loop stall while five hostile .xml.gz sitemaps are read. */
async function sitemapBomb(): Promise<void> {
  const bomb = gzipSync(`<urlset>${'<url><lastmod>2020-01-01</lastmod></url>'.repeat(1_000_000)}</urlset>`);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/x-gzip' }).end(bomb);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fetcher = createSafeFetcher({ allowedPrivateHosts: ['127.0.0.1'] });
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const started = performance.now();
  await readSitemaps(
    fetcher,
    origin,
    Array.from({ length: 5 }, (_, i) => `${origin}/s${i}.xml.gz`),
    2 * 1024 * 1024,
    undefined,
  );
  const seconds = (performance.now() - started) / 1000;
  delay.disable();
  await fetcher.close();
  server.close();
  const maxMs = delay.max / 1e6;
  console.log(
    `sitemap bomb:      5 × ${(bomb.length / 1024).toFixed(0)} KB gzip read in ${seconds.toFixed(2)} s`,
  );
  console.log(
    `  event-loop delay p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms, max ${maxMs.toFixed(1)} ms ` +
      `(target < 50 ms: ${maxMs < 50 ? 'met' : 'NOT met'})`,
  );
}

await main();
await sitemapBomb();
