// The environment the CLI reads: the server's variable names, resolved the way src/config.ts does
// (a secret may come from `NAME_FILE`, common/secret-files.ts). config.ts itself is
// not used: it validates the whole server configuration (database, JWT, plans …) the CLI has no use for.
import { readSecretFiles } from '../common/secret-files.js';
import { ENGINE_ENV, ENGINE_NAMES } from '../audit-engine/visibility/index.js';
import { CliError } from './errors.js';

/** The secrets among the variables the CLI reads: the engines' API keys. */
const SECRET_NAMES = ENGINE_NAMES.map((name) => ENGINE_ENV[name].apiKey);

export const resolveSecretFiles = (source: NodeJS.ProcessEnv) =>
  readSecretFiles(source, SECRET_NAMES, (message) => new CliError(message));

/** A comma-separated list variable, e.g. AUDIT_ALLOWED_PRIVATE_HOSTS. */
export function listFromEnv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
