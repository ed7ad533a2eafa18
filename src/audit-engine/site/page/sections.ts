// The passages of a page as an answer engine splits them: each H2–H6 heading and the text below
// it, up to the next heading. One iterative walk over the content element, linear in its size.
import { countWords } from './readability.js';

export const QUESTION_START =
  /^(?:what|how|why|when|where|who|whom|which|can|could|does|do|did|is|are|was|should|will|would)\b/i;
/** Headings that announce a comparison of options. */
const COMPARISON =
  /\b(?:vs\.?|versus|compared?\s+(?:to|with)|comparison|comparing|differences?\s+between|which\s+is\s+better|pros\s+and\s+cons)(?=\s|$|[?!.,:;])/i;

export interface Section {
  /** 2–6; H1 starts no section (it titles the page). */
  level: number;
  /** Heading text, at most 120 characters. */
  heading: string;
  question: boolean;
  comparison: boolean;
  /** What comes first under the heading: a paragraph of text, a list, a table, or nothing. */
  firstBlock: 'paragraph' | 'list' | 'table' | 'none';
  /** Text of that first paragraph (at most 400 characters). */
  firstParagraph?: string;
  /** Words under the heading, up to the next heading of any level. */
  words: number;
  lists: number;
  tables: number;
}

/** Sections kept per page; a page with more is a long reference page and its tail says little. */
export const MAX_SECTIONS = 60;
const HEADING_CHARS = 120;
const PARAGRAPH_CHARS = 400;

interface Node {
  type: string;
  name?: string;
  data?: string;
  parent: Node | null;
  children?: Node[];
}

const clean = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** All the text under a node, iteratively, stopping once `max` characters are collected. */
function textOf(node: Node, max: number): string {
  const parts: string[] = [];
  let chars = 0;
  const stack: Node[] = [node];
  while (stack.length > 0 && chars < max * 2) {
    const n = stack.pop() as Node;
    if (n.type === 'text') {
      parts.push(n.data ?? '');
      chars += n.data?.length ?? 0;
    } else if (n.children) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Node);
  }
  return clean(parts.join('')).slice(0, max);
}

export const isQuestion = (text: string): boolean => text.endsWith('?') || QUESTION_START.test(text);

const BLOCK = new Set(['p', 'div', 'section', 'article', 'blockquote', 'dd', 'figcaption', 'main']);

/** The block a text node belongs to: inside a list item, a table cell, or a paragraph-like element. */
function blockOf(text: Node, root: Node): { kind: Section['firstBlock']; el: Node } {
  for (let n = text.parent; n && n !== root.parent; n = n.parent) {
    if (n.name === 'li' || n.name === 'dt') return { kind: 'list', el: n };
    if (n.name === 'td' || n.name === 'th') return { kind: 'table', el: n };
    if (n.name && BLOCK.has(n.name)) return { kind: 'paragraph', el: n };
    if (n === root) break;
  }
  return { kind: 'paragraph', el: text.parent ?? root };
}

/** Splits the content element (boilerplate already removed) into heading sections. */
export function extractSections(content: Node): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  const stack: Node[] = [...(content.children ?? [])].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    const name = node.name;
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      const heading = name ? /^h([1-6])$/.exec(name) : null;
      if (heading) {
        const level = Number(heading[1]);
        current = undefined;
        if (level > 1 && sections.length < MAX_SECTIONS) {
          const text = textOf(node, HEADING_CHARS);
          current = {
            level,
            heading: text,
            question: isQuestion(text),
            comparison: COMPARISON.test(text),
            firstBlock: 'none',
            words: 0,
            lists: 0,
            tables: 0,
          };
          sections.push(current);
        }
        continue;
      }
      if (current && (name === 'ul' || name === 'ol')) {
        if ((node.children ?? []).filter((c) => c.name === 'li').length >= 2) current.lists++;
      }
      if (current && name === 'table') current.tables++;
      if (node.children)
        for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Node);
    } else if (node.type === 'text' && current) {
      const words = countWords(node.data ?? '');
      if (words === 0) continue;
      current.words += words;
      if (current.firstBlock === 'none') {
        const block = blockOf(node, content);
        current.firstBlock = block.kind;
        if (block.kind === 'paragraph') current.firstParagraph = textOf(block.el, PARAGRAPH_CHARS);
      }
    }
  }
  return sections;
}
