// `aeo visibility --brand … --prompt …`: a VISIBILITY audit run in this process, with the answer
// engines configured from the same environment variables as the server.
import type { ProgressCallback } from '../audit-engine/report.js';
import { resultDocument, type AuditResultDocument } from '../audit-engine/result.js';
import {
  engineConfigsFromEnv,
  runVisibilityAudit,
  type EngineName,
} from '../audit-engine/visibility/index.js';
import { resolveSecretFiles } from './env.js';
import { CliError } from './errors.js';

export interface VisibilityCommandOptions {
  brand: string;
  prompt: string[];
  engine: string[];
  domain?: string;
  competitor: string[];
  alias: string[];
  samples?: number;
  signal: AbortSignal;
  onProgress: ProgressCallback;
  env: NodeJS.ProcessEnv;
}

function samplesFromEnv(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const samples = Number(value);
  if (!Number.isInteger(samples) || samples < 1 || samples > 10) {
    throw new CliError(`VISIBILITY_SAMPLES must be an integer from 1 to 10 (got "${value}")`);
  }
  return samples;
}

export async function auditVisibility(options: VisibilityCommandOptions): Promise<AuditResultDocument> {
  if (options.prompt.length === 0) throw new CliError('at least one --prompt is required');
  const env = resolveSecretFiles(options.env);
  const createdAt = new Date().toISOString();
  const domain = options.domain?.trim() ?? '';
  const report = await runVisibilityAudit(
    {
      brand: options.brand,
      aliases: options.alias,
      competitors: options.competitor,
      domain,
      prompts: options.prompt,
      // Unknown names are rejected by the engine with the list of valid ones.
      engines: options.engine as EngineName[],
    },
    {
      engines: engineConfigsFromEnv(env),
      samples: options.samples ?? samplesFromEnv(env.VISIBILITY_SAMPLES) ?? 1,
      signal: options.signal,
      onProgress: options.onProgress,
    },
  );
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(domain) ? domain : `https://${domain}/`;
  return resultDocument(
    {
      id: null,
      kind: 'VISIBILITY',
      url,
      status: 'SUCCEEDED',
      error: null,
      createdAt,
      finishedAt: new Date().toISOString(),
    },
    report,
  );
}
