// The engine registry: adapters by name, and the environment variable names an operator sets to
// configure each engine (fixed by the public API contract).
import { anthropicAdapter } from './anthropic.js';
import type { EngineAdapter } from './adapter.js';
import { geminiAdapter } from './gemini.js';
import { openaiCompatibleAdapter } from './openai-compatible.js';
import { openaiAdapter } from './openai.js';
import { perplexityAdapter } from './perplexity.js';
import type { EngineName } from '../types.js';

export type { EngineAdapter, ParsedAnswer } from './adapter.js';

export const ADAPTERS: Record<EngineName, EngineAdapter> = {
  openai: openaiAdapter,
  anthropic: anthropicAdapter,
  perplexity: perplexityAdapter,
  gemini: geminiAdapter,
  'openai-compatible': openaiCompatibleAdapter,
};

export interface EngineEnvNames {
  apiKey: string;
  baseUrl: string;
  model: string;
}

export const ENGINE_ENV: Record<EngineName, EngineEnvNames> = {
  openai: { apiKey: 'OPENAI_API_KEY', baseUrl: 'OPENAI_BASE_URL', model: 'OPENAI_MODEL' },
  anthropic: { apiKey: 'ANTHROPIC_API_KEY', baseUrl: 'ANTHROPIC_BASE_URL', model: 'ANTHROPIC_MODEL' },
  perplexity: { apiKey: 'PERPLEXITY_API_KEY', baseUrl: 'PERPLEXITY_BASE_URL', model: 'PERPLEXITY_MODEL' },
  gemini: { apiKey: 'GEMINI_API_KEY', baseUrl: 'GEMINI_BASE_URL', model: 'GEMINI_MODEL' },
  'openai-compatible': {
    apiKey: 'OPENAI_COMPATIBLE_API_KEY',
    baseUrl: 'OPENAI_COMPATIBLE_BASE_URL',
    model: 'OPENAI_COMPATIBLE_MODEL',
  },
};

/** Models used when the operator names none: each provider's web-search-capable general model. */
export const DEFAULT_MODELS: Record<EngineName, string> = {
  openai: 'gpt-4.1',
  anthropic: 'claude-sonnet-4-5',
  perplexity: 'sonar',
  gemini: 'gemini-2.5-flash',
  'openai-compatible': 'default',
};
