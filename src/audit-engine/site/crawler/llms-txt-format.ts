// llms.txt as specified at https://llmstxt.org: an H1 with the site name first (the only required
// part), then a blockquote summary, optional prose, and H2 sections whose lists are
// `- [name](url): notes` links; a section named "Optional" holds links that can be skipped.

const LINK_ITEM = /^\s*[-*+]\s+\[([^\]]+)\]\(([^)\s]+)\)(?::\s*.*)?$/;

export function validateLlmsTxt(text: string, baseUrl: string) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const issues: string[] = [];
  const notes: string[] = [];
  const sections: string[] = [];
  const links: string[] = [];
  const nonEmpty = lines.map((l) => l.trim()).filter(Boolean);
  const first = nonEmpty[0] ?? '';
  const name = /^#\s+(.+)$/.exec(first)?.[1];
  if (!name)
    issues.push(`first line must be an H1 with the site name ("# Name"), found "${first.slice(0, 80)}"`);
  const afterTitle = nonEmpty.slice(1).find((l) => !l.startsWith('#'));
  if (!nonEmpty.slice(1).some((l) => l.startsWith('>')) || (afterTitle && !afterTitle.startsWith('>'))) {
    notes.push('no blockquote summary ("> …") directly after the H1');
  }
  let section: string | undefined;
  const badItems: string[] = [];
  for (const line of lines) {
    const h2 = /^##\s+(.+)$/.exec(line.trim());
    if (h2?.[1]) {
      section = h2[1].trim();
      sections.push(section);
      continue;
    }
    if (!section || !/^\s*[-*+]\s+/.test(line)) continue;
    const item = LINK_ITEM.exec(line);
    if (!item?.[2]) {
      badItems.push(line.trim());
      continue;
    }
    try {
      links.push(new URL(item[2], baseUrl).href);
    } catch {
      badItems.push(line.trim());
    }
  }
  if (sections.length === 0) notes.push('no H2 sections ("## Docs") listing links');
  else if (links.length === 0) notes.push('H2 sections contain no "- [name](url): notes" links');
  if (badItems.length > 0) {
    issues.push(
      `${badItems.length} list item(s) are not "- [name](url)" links, e.g. "${badItems[0]?.slice(0, 80)}"`,
    );
  }
  return { name, sections, links, issues, notes };
}
