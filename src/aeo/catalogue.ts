// The SITE check catalogue SARIF rules are made of. The engine is adding `CHECK_CATALOGUE` to
// src/audit-engine/site/index.ts; until it lands, SARIF rules come from the findings themselves.
import type { CheckDefinition } from '../audit-engine/result.js';

export const CHECKS: readonly CheckDefinition[] = [];
