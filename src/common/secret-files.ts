import { readFileSync } from 'node:fs';

/**
 * Resolves `NAME_FILE` into `NAME` for each of `names` (the file wins only when `NAME` itself is
 * unset): secrets mounted as files, as container platforms and secret managers provide them.
 * `fail` turns an unreadable file into the caller's own error.
 */
export function readSecretFiles(
  source: NodeJS.ProcessEnv,
  names: readonly string[],
  fail: (message: string) => Error,
): Record<string, string | undefined> {
  const resolved: Record<string, string | undefined> = { ...source };
  for (const name of names) {
    const file = source[`${name}_FILE`];
    if (!file || source[name]) continue;
    try {
      resolved[name] = readFileSync(file, 'utf8').trim();
    } catch (error) {
      throw fail(`${name}_FILE: cannot read ${file} (${(error as Error).message})`);
    }
  }
  return resolved;
}
