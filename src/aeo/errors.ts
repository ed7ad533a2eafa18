// Exit codes of `aeo` (the API contract's "CLI" section) and the error that carries one.
export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_BELOW_THRESHOLD = 2;
/** Interrupted by SIGINT/SIGTERM (128 + SIGINT, the shell convention). */
export const EXIT_INTERRUPTED = 130;

/** A failure the user can act on: printed as one `aeo: …` line. */
export class CliError extends Error {
  override name = 'CliError';
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT_ERROR) {
    super(message);
    this.exitCode = exitCode;
  }
}

/** One line for stderr: no stack, line breaks folded, the `error: ` prefix of commander dropped. */
export function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/^error: /i, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
}
