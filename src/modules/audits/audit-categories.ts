// The closed sets of category names, for the schema's descriptions. Categories stay Strings in
// the schema (API.md fixes `category: String!`); the engines' weight tables are the source.
import { CATEGORY_WEIGHTS as SITE_CATEGORY_WEIGHTS } from '../../audit-engine/site/scoring.js';
import { CATEGORY_WEIGHTS as VISIBILITY_CATEGORY_WEIGHTS } from '../../audit-engine/visibility/scoring.js';

const list = (names: readonly string[]) => names.map((name) => `\`${name}\``).join(', ');

/** SITE categories, e.g. "`ai_access`, `indexability`, …". */
export const SITE_CATEGORY_LIST = list(Object.keys(SITE_CATEGORY_WEIGHTS));

/** Both kinds' categories, as a sentence fragment for field descriptions. */
export const CATEGORY_LIST =
  `SITE ${SITE_CATEGORY_LIST} (Query.checks lists each check's); ` +
  `VISIBILITY ${list(Object.keys(VISIBILITY_CATEGORY_WEIGHTS))}`;
