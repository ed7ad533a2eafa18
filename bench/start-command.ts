// The API as `npm start` runs it (minus the `prestart` build): the node flags and entry of
// package.json's `start` script, so that every bench measures the command users run.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Node's arguments for the API, read from the `start` script in `root`'s package.json. */
export function apiStartArgs(root: string): string[] {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts?: { start?: string };
  };
  const [command, ...args] = (manifest.scripts?.start ?? '').trim().split(/\s+/);
  if (command !== 'node' || !args.length)
    throw new Error(`package.json's start script is not "node <flags> <entry>": ${manifest.scripts?.start}`);
  return args;
}
