// The VISIBILITY-only options of an audit's input (samples, fresh answers …): how they are stored
// with the audit and checked when it is created. No GraphQL here: the input type is structural.
import { badUserInput } from '../../common/errors.js';
import type { Config } from '../../config.js';

/** Stored in `audits.input` next to brand and prompts; a rerun copies them. */
export interface VisibilityOptionsData {
  /** Answers per prompt and engine; null = the server's VISIBILITY_SAMPLES. */
  samples?: number | null;
  /** Ask afresh instead of reusing cached answers. */
  fresh?: boolean;
}

/** What CreateAuditInput carries for these options. */
export interface VisibilityOptionsInput {
  samples?: number | null;
  fresh?: boolean | null;
}

const fieldError = (name: string, message: string) =>
  badUserInput(`Invalid input: ${message}`, [{ field: name, messages: [message] }]);

/** The options of a valid input (BAD_USER_INPUT naming the field otherwise). */
export function visibilityOptionsOf(input: VisibilityOptionsInput, config: Config): VisibilityOptionsData {
  const { maxSamples } = config.visibility;
  if (
    input.samples != null &&
    (!Number.isInteger(input.samples) || input.samples < 1 || input.samples > maxSamples)
  ) {
    throw fieldError('samples', `samples must be an integer from 1 to ${maxSamples}`);
  }
  return {
    samples: input.samples ?? null,
    fresh: input.fresh ?? false,
  };
}
