import { duplicateChecks } from './duplicates.js';
import { headingChecks } from './headings.js';
import { hreflangChecks } from './hreflang.js';
import { imageChecks } from './images.js';
import type { CheckSpec } from './types.js';

// The page-level and content checks added for issue 15 (headings, structured data across pages,
// duplicates, hreflang, images, machine-readable alternates), in report order. One list, so that
// the catalogue (index.ts) takes them in one line.
export const pageLevelChecks: CheckSpec[] = [
  ...headingChecks,
  ...duplicateChecks,
  ...hreflangChecks,
  ...imageChecks,
];
