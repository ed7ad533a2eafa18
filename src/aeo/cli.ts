// The `aeo` command line: arguments (commander), the audit, the report, the exit code. Every
// failure ends as one `aeo: …` line on stderr and exit 1; stdout carries only the report.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { AllowListError, parseAllowEntry } from '../audit-engine/net/address-policy.js';
import type { AuditResultDocument } from '../audit-engine/result.js';
import { listFromEnv } from './env.js';
import { CliError, EXIT_ERROR, oneLine } from './errors.js';
import { CLI_FORMATS, emit, type CliFormat, type OutputOptions } from './output.js';
import { progressReporter, type ProgressReporter } from './progress.js';
import { auditSite } from './site.js';
import { auditVisibility, type VisibilityCommandOptions } from './visibility.js';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT/SIGTERM; its reason is what the run fails with. */
  signal: AbortSignal;
  version: string;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError('expected a positive integer.');
  }
  return n;
}

function score(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new InvalidArgumentError('expected a score (a number from 0 to 100).');
  }
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function hosts(value: string, previous: string[]): string[] {
  const entries = listFromEnv(value);
  for (const entry of entries) {
    try {
      parseAllowEntry(entry);
    } catch (error) {
      if (error instanceof AllowListError) throw new InvalidArgumentError(error.message);
      throw error;
    }
  }
  return [...previous, ...entries];
}

function withOutputOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--format <format>', 'report format (default: from the --out extension, else text)').choices(
        CLI_FORMATS,
      ),
    )
    .option('--out <file>', 'write the report to FILE instead of stdout')
    .option('--fail-under <score>', 'exit 2 when the score is below SCORE', score)
    .option('-q, --quiet', 'no progress on stderr');
}

interface CommonOptions {
  format?: CliFormat;
  out?: string;
  failUnder?: number;
  quiet?: boolean;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  let progress: ProgressReporter | undefined;
  const run = async (
    options: CommonOptions,
    audit: (p: ProgressReporter) => Promise<AuditResultDocument>,
  ) => {
    progress = progressReporter(io.stderr, options.quiet ?? false);
    const doc = await audit(progress);
    progress.stop();
    progress = undefined;
    const output: OutputOptions = options;
    exitCode = await emit(doc, output, io, io.version);
  };

  const program = new Command('aeo')
    .description('AEO audits from the command line: in-process, no server, no database.')
    .version(io.version, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      // Errors are printed once, as one line, below; help asked for by mistake is not.
      writeErr: () => undefined,
      outputError: () => undefined,
    })
    .showSuggestionAfterError(true);

  withOutputOptions(
    program
      .command('site')
      .description('audit a website: can answer engines read, trust and cite it?')
      .argument('<url>', 'the start page, e.g. https://example.com')
      .option('--max-pages <n>', 'pages to crawl at most (default 50)', positiveInteger)
      .option(
        '--allow-private <hosts>',
        'hosts, IPs or CIDRs (optionally :port, comma-separated) that may be fetched although private, ' +
          'added to AUDIT_ALLOWED_PRIVATE_HOSTS',
        hosts,
        [],
      ),
  ).action(async (url: string, options: CommonOptions & { maxPages?: number; allowPrivate: string[] }) => {
    const envHosts = hosts(io.env.AUDIT_ALLOWED_PRIVATE_HOSTS ?? '', []);
    await run(options, (p) =>
      auditSite(url, {
        maxPages: options.maxPages,
        allowPrivate: [...envHosts, ...options.allowPrivate],
        chromiumPath: io.env.CHROMIUM_PATH || undefined,
        signal: io.signal,
        onProgress: p.onProgress,
      }),
    );
  });

  withOutputOptions(
    program
      .command('visibility')
      .description('ask answer engines your prompts: do they mention and cite the brand?')
      .requiredOption('--brand <name>', 'the brand to look for')
      .option('--prompt <text>', 'a prompt to ask (repeat for more)', collect, [])
      .option('--engine <name>', 'an engine to ask (repeat; default: every configured one)', collect, [])
      .option('--domain <host>', "the brand's site, e.g. example.com")
      .option('--competitor <name>', 'a competitor to count (repeat)', collect, [])
      .option('--alias <name>', 'another name of the brand (repeat)', collect, [])
      .option(
        '--samples <n>',
        'answers per prompt and engine (default VISIBILITY_SAMPLES or 1)',
        positiveInteger,
      ),
  ).action(
    async (options: CommonOptions & Omit<VisibilityCommandOptions, 'signal' | 'onProgress' | 'env'>) => {
      await run(options, (p) =>
        auditVisibility({ ...options, signal: io.signal, onProgress: p.onProgress, env: io.env }),
      );
    },
  );

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    progress?.stop();
    let code = EXIT_ERROR;
    let message: string;
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      message =
        error.code === 'commander.help'
          ? 'a command is required: `aeo site <url>` or `aeo visibility --brand <name> --prompt <text>` (see aeo --help)'
          : oneLine(error);
    } else if (io.signal.aborted) {
      const reason: unknown = io.signal.reason;
      message = oneLine(reason);
      if (reason instanceof CliError) code = reason.exitCode;
    } else {
      message = oneLine(error);
      if (error instanceof CliError) code = error.exitCode;
    }
    io.stderr.write(`aeo: ${message}\n`);
    return code;
  }
}
