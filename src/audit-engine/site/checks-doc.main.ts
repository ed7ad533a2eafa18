// `npm run docs:checks`: writes docs/checks.md from the check catalogue.
import { writeFile } from 'node:fs/promises';
import { checksMarkdown } from './checks-doc.js';
import { CHECK_CATALOGUE } from './checks/index.js';

const file = process.argv[2] ?? 'docs/checks.md';
await writeFile(file, checksMarkdown(CHECK_CATALOGUE));
console.log(`wrote ${file} (${CHECK_CATALOGUE.length} checks)`);
