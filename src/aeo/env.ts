// The environment the CLI reads: the server's variable names, resolved the way src/config.ts does
// (a secret may come from `NAME_FILE`; the file wins only when `NAME` is unset). config.ts itself is
// not used: it validates the whole server configuration (database, JWT, plans …) the CLI has no use for.
import { readFileSync } from 'node:fs';
import { ENGINE_ENV, ENGINE_NAMES } from '../audit-engine/visibility/index.js';
import { CliError } from './errors.js';

/** The secrets among the variables the CLI reads: the engines' API keys. */
const SECRET_NAMES = ENGINE_NAMES.map((name) => ENGINE_ENV[name].apiKey);

export function resolveSecretFiles(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const resolved: Record<string, string | undefined> = { ...source };
  for (const name of SECRET_NAMES) {
    const file = source[`${name}_FILE`];
    if (!file || source[name]) continue;
    try {
      resolved[name] = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw new CliError(`${name}_FILE: cannot read ${file} (${(error as Error).message})`);
    }
  }
  return resolved;
}

/** A comma-separated list variable, e.g. AUDIT_ALLOWED_PRIVATE_HOSTS. */
export function listFromEnv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
