// Turning a finished audit into what `aeo` prints or writes, and the --fail-under verdict.
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { AuditResultDocument } from '../audit-engine/result.js';
import { renderReport, type ReportFormat } from '../reports/render.js';
import { CHECK_CATALOGUE as CHECKS } from '../audit-engine/site/index.js';
import { CliError, EXIT_BELOW_THRESHOLD, EXIT_OK } from './errors.js';
import { renderText } from './text.js';

export const CLI_FORMATS = ['text', 'json', 'md', 'html', 'sarif', 'csv'] as const;
export type CliFormat = (typeof CLI_FORMATS)[number];

export interface OutputOptions {
  format?: CliFormat;
  out?: string;
  failUnder?: number;
  quiet?: boolean;
}

/** The format: --format, else the extension of --out (report.html → html), else text. */
export function chooseFormat(options: OutputOptions): CliFormat {
  if (options.format) return options.format;
  const ext = options.out ? extname(options.out).slice(1).toLowerCase() : '';
  const byExtension: Record<string, CliFormat> = {
    html: 'html',
    htm: 'html',
    md: 'md',
    json: 'json',
    sarif: 'sarif',
    csv: 'csv',
  };
  return byExtension[ext] ?? 'text';
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve, reject) => stream.write(text, (error) => (error ? reject(error) : resolve())));
}

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Prints or writes the report, then says whether the score clears --fail-under (the exit code). */
export async function emit(
  doc: AuditResultDocument,
  options: OutputOptions,
  io: Io,
  toolVersion: string,
): Promise<number> {
  const format = chooseFormat(options);
  const body =
    format === 'text'
      ? renderText(doc)
      : renderReport(doc, format satisfies ReportFormat, { checks: CHECKS, toolVersion }).body;
  if (options.out) {
    try {
      await writeFile(options.out, body);
    } catch (error) {
      throw new CliError(`cannot write ${options.out}: ${(error as Error).message}`);
    }
    if (!options.quiet) await write(io.stderr, `aeo: ${format} report written to ${options.out}\n`);
  } else {
    await write(io.stdout, body);
  }
  if (options.failUnder !== undefined && (doc.score ?? 0) < options.failUnder) {
    await write(io.stderr, `aeo: score ${doc.score ?? 'none'} is below --fail-under ${options.failUnder}\n`);
    return EXIT_BELOW_THRESHOLD;
  }
  return EXIT_OK;
}
