// Builders for fixture pages: a complete, well-formed page by default; tests override parts.

export interface PageSpec {
  title?: string | null;
  description?: string | null;
  lang?: string | null;
  canonical?: string | null;
  og?: boolean;
  jsonLd?: (object | string)[];
  head?: string;
  /** Site navigation with About and Contact links (default true). */
  nav?: boolean;
  body: string;
}

export function page(spec: PageSpec): string {
  const { title = 'A descriptive page title for tests', lang = 'en' } = spec;
  const description =
    spec.description === undefined
      ? 'A meta description that is long enough to summarise this page for search engines.'
      : spec.description;
  const jsonLd = (spec.jsonLd ?? [])
    .map(
      (d) => `<script type="application/ld+json">${typeof d === 'string' ? d : JSON.stringify(d)}</script>`,
    )
    .join('\n');
  return `<!doctype html>
<html${lang ? ` lang="${lang}"` : ''}>
<head>
<meta charset="utf-8">
${title === null ? '' : `<title>${title}</title>`}
${description === null ? '' : `<meta name="description" content="${description}">`}
${spec.canonical ? `<link rel="canonical" href="${spec.canonical}">` : ''}
${spec.og === false ? '' : `<meta property="og:title" content="${title ?? 'x'}"><meta property="og:description" content="${description ?? 'x'}"><meta property="og:image" content="/og.png">`}
${jsonLd}
${spec.head ?? ''}
</head>
<body>
${spec.nav === false ? '' : '<header><nav><a href="/">Home</a> <a href="/about">About us</a> <a href="/contact">Contact</a></nav></header>'}
${spec.body}
<footer><p>Example Co.</p></footer>
</body>
</html>`;
}

/** Plain, readable English prose of about `words` words with figures in it. */
export function prose(words: number): string {
  const sentences = [
    'Our team tests every plan with real customers each month.',
    'Most users finish the setup in less than ten minutes.',
    'The tool works on phones, tablets and desktop computers.',
    'You can export your data at any time and keep a copy.',
    'Support staff answer most questions within one working day.',
  ];
  const out: string[] = [];
  for (let i = 0, n = 0; n < words; i++) {
    const s = sentences[i % sentences.length] ?? '';
    out.push(s);
    n += s.split(/\s+/).length;
  }
  return out.join(' ');
}

/** Long-winded, polysyllabic prose without figures: hard to read (low Flesch score). */
export function hardProse(words: number): string {
  const sentence =
    'Organisational considerations notwithstanding, comprehensive institutionalisation of interdisciplinary methodologies necessitates considerable deliberation regarding implementation responsibilities, administrative accountability and operational sustainability across heterogeneous environments';
  const out: string[] = [];
  for (let n = 0; n < words; n += sentence.split(' ').length) out.push(`${sentence}.`);
  return out.join(' ');
}
