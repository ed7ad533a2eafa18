// The breaking-change check (`npm run schema:breaking`): the committed schema against the one of a
// base commit, with GraphQL Inspector's rules. A breaking change passes only when it is
// acknowledged, with a reason, in `schema-changes.allow` (docs/api-evolution.md).
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

export const ALLOW_FILE = 'schema-changes.allow';

/** One acknowledged breaking change: `<CHANGE_TYPE> <path>  # reason` in the allow file. */
export interface Acknowledgement {
  key: string;
  reason: string;
  line: number;
}

export interface SchemaChangeReport {
  /** Breaking changes nobody acknowledged: the check fails while there is one. */
  breaking: Change[];
  /** Breaking changes listed in the allow file. */
  acknowledged: Change[];
  /** Changes that may alter what existing clients see (e.g. a new enum value). */
  dangerous: Change[];
  safe: Change[];
  /** Allow-file entries matching no change of this comparison (already merged, or mistyped). */
  unused: Acknowledgement[];
}

/** How a change is named in the allow file: its type and its schema coordinate. */
export function changeKey(change: Change): string {
  return change.path ? `${change.type} ${change.path}` : String(change.type);
}

/**
 * The allow file's entries. Blank lines and lines starting with `#` are comments; every entry
 * must give its reason after ` # `, so that no removal passes without one written down.
 */
export function parseAllowList(text: string): Acknowledgement[] {
  const entries: Acknowledgement[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const hash = line.indexOf('#');
    const key = (hash === -1 ? line : line.slice(0, hash)).trim().replace(/\s+/g, ' ');
    const reason = hash === -1 ? '' : line.slice(hash + 1).trim();
    if (!/^[A-Z_]+( \S+)?$/.test(key)) {
      throw new Error(`${ALLOW_FILE}:${index + 1}: expected "<CHANGE_TYPE> <path>  # reason", got "${line}"`);
    }
    if (!reason) throw new Error(`${ALLOW_FILE}:${index + 1}: "${key}" needs a reason after "#"`);
    entries.push({ key, reason, line: index + 1 });
  });
  return entries;
}

function parse(sdl: string, label: string) {
  try {
    return buildSchema(sdl);
  } catch (error) {
    throw new Error(`${label} does not parse: ${(error as Error).message}`, { cause: error });
  }
}

/** The changes from `baseSdl` to `headSdl`, sorted by what they mean for existing clients. */
export async function compareSchemas(
  baseSdl: string,
  headSdl: string,
  allowed: readonly Acknowledgement[] = [],
): Promise<SchemaChangeReport> {
  const changes = await diff(parse(baseSdl, 'the base schema'), parse(headSdl, 'the new schema'));
  const allowedKeys = new Set(allowed.map((entry) => entry.key));
  const report: SchemaChangeReport = { breaking: [], acknowledged: [], dangerous: [], safe: [], unused: [] };
  for (const change of changes) {
    if (change.criticality.level === CriticalityLevel.Breaking) {
      (allowedKeys.has(changeKey(change)) ? report.acknowledged : report.breaking).push(change);
    } else if (change.criticality.level === CriticalityLevel.Dangerous) {
      report.dangerous.push(change);
    } else {
      report.safe.push(change);
    }
  }
  const seen = new Set(report.acknowledged.map(changeKey));
  report.unused = allowed.filter((entry) => !seen.has(entry.key));
  return report;
}

/** The report as the check prints it. */
export function formatSchemaChangeReport(report: SchemaChangeReport, baseLabel: string): string {
  const lines: string[] = [];
  const list = (title: string, changes: Change[]) => {
    if (!changes.length) return;
    lines.push(`${title}:`);
    for (const change of changes) {
      const reason = change.criticality.reason ? ` (${change.criticality.reason})` : '';
      lines.push(`  ${changeKey(change)}: ${change.message}${reason}`);
    }
  };
  list('BREAKING, not acknowledged', report.breaking);
  list('Breaking, acknowledged in ' + ALLOW_FILE, report.acknowledged);
  list('Dangerous (existing clients may see new values)', report.dangerous);
  if (report.unused.length) {
    lines.push(`Entries of ${ALLOW_FILE} matching no change against ${baseLabel} (drop them once merged):`);
    for (const entry of report.unused) lines.push(`  line ${entry.line}: ${entry.key}`);
  }
  lines.push(
    `${report.breaking.length} breaking, ${report.acknowledged.length} acknowledged, ` +
      `${report.dangerous.length} dangerous, ${report.safe.length} safe change(s) against ${baseLabel}`,
  );
  if (report.breaking.length) {
    lines.push(
      `A breaking change must be deliberate: deprecate first (docs/api-evolution.md), or list it in ` +
        `${ALLOW_FILE} as "<CHANGE_TYPE> <path>  # reason".`,
    );
  }
  return lines.join('\n');
}
