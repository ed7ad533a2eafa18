// Local stand-ins for the answer engines' HTTP APIs on 127.0.0.1. Each validates requests the
// way the real API does (path, auth header, required body fields, the search tool) and answers
// in the provider's response shape, modelled on recorded responses. Tests script the answer
// text and sources per prompt, and queue failures (status, headers, raw body, or a hang).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EngineConfig, EngineName } from '../../../src/audit-engine/visibility/index.js';

export interface Source {
  url: string;
  title?: string;
}

export interface ScriptedAnswer {
  text: string;
  /** Pages the answer cites. */
  cited?: Source[];
  /** Pages the engine consulted without citing. */
  consulted?: Source[];
  /** Anthropic only: the server paused the turn after searching (`stop_reason: 'pause_turn'`). */
  paused?: boolean;
}

export type RawResponse = { status: number; headers?: Record<string, string>; body: string } | 'hang';

export interface RecordedCall {
  engine: EngineName;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export const KEYS: Record<EngineName, string> = {
  openai: 'sk-openai-test',
  anthropic: 'sk-ant-test',
  perplexity: 'pplx-test',
  gemini: 'AIza-test',
  'openai-compatible': '',
};

const MODELS: Record<EngineName, string> = {
  openai: 'gpt-4.1',
  anthropic: 'claude-sonnet-4-5',
  perplexity: 'sonar',
  gemini: 'gemini-2.5-flash',
  'openai-compatible': 'llama3.1:8b',
};

const PREFIX: Record<EngineName, string> = {
  openai: '/openai/v1',
  anthropic: '/anthropic',
  perplexity: '/perplexity',
  gemini: '/gemini',
  'openai-compatible': '/compat',
};

type Json = Record<string, unknown>;

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^www\./, '');
}

const openaiError = (message: string, code: string | null = null) => ({
  error: { message, type: 'invalid_request_error', param: null, code },
});
const anthropicError = (type: string, message: string) => ({ type: 'error', error: { type, message } });
const googleError = (code: number, message: string, status: string) => ({ error: { code, message, status } });

function openaiPayload(model: string, prompt: string, answer: ScriptedAnswer) {
  const cited = answer.cited ?? [];
  const consulted = [...cited, ...(answer.consulted ?? [])];
  let text = answer.text;
  const annotations = cited.map((source) => {
    const label = ` ([${hostOf(source.url)}](${source.url}?utm_source=openai))`;
    const start = text.length;
    text += label;
    return {
      type: 'url_citation',
      start_index: start + 1,
      end_index: text.length,
      url: `${source.url}?utm_source=openai`,
      title: source.title ?? hostOf(source.url),
    };
  });
  return {
    id: 'resp_68b1c2d3e4f5a6b7c8d9e0f1',
    object: 'response',
    created_at: 1756400000,
    status: 'completed',
    error: null,
    model: `${model}-2025-04-14`,
    output: [
      {
        id: 'ws_68b1c2d4a1b2c3d4',
        type: 'web_search_call',
        status: 'completed',
        action: {
          type: 'search',
          query: prompt,
          sources: consulted.map((s) => ({ type: 'url', url: s.url })),
        },
      },
      {
        id: 'msg_68b1c2d9f0e1d2c3',
        type: 'message',
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', annotations, logprobs: [], text }],
      },
    ],
    tools: [{ type: 'web_search', search_context_size: 'medium' }],
    usage: {
      input_tokens: 312,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 148,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 460,
    },
  };
}

/**
 * The answer's text blocks: the first sentence carries the citations, the rest follows in an
 * uncited block with no leading space (blocks split at citation boundaries are joined by the
 * reader).
 */
function anthropicAnswerBlocks(text: string, cited: Source[]) {
  const split = /^(.*?[.;])\s+(\S.*)$/s.exec(text);
  const [first, rest] = split ? [split[1] ?? '', split[2] ?? ''] : [text, ''];
  return [
    { type: 'text', text: '\n\n' },
    {
      type: 'text',
      text: first,
      citations: cited.map((s) => ({
        type: 'web_search_result_location',
        url: s.url,
        title: s.title ?? hostOf(s.url),
        encrypted_index: 'Eo8BCioIAhgBIiQyYjQ0OWJmZi1lNm',
        cited_text: 'A sentence from the cited page that supports the claim…',
      })),
    },
    ...(rest ? [{ type: 'text', text: rest }] : []),
  ];
}

function anthropicPayload(model: string, prompt: string, answer: ScriptedAnswer) {
  const cited = answer.cited ?? [];
  const results = [...cited, ...(answer.consulted ?? [])];
  return {
    id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
    type: 'message',
    role: 'assistant',
    model: `${model}-20250929`,
    // As recorded: Claude narrates the search before `server_tool_use`, echoing the prompt (and
    // so any brand it names), and splits the answer into text blocks at citation boundaries.
    content: [
      { type: 'text', text: `I'll search for current information on: ${prompt}` },
      {
        type: 'server_tool_use',
        id: 'srvtoolu_01WYG3ziw53XMcoyKL4XcZmE',
        name: 'web_search',
        input: { query: prompt },
      },
      {
        type: 'web_search_tool_result',
        tool_use_id: 'srvtoolu_01WYG3ziw53XMcoyKL4XcZmE',
        content: results.map((s) => ({
          type: 'web_search_result',
          url: s.url,
          title: s.title ?? hostOf(s.url),
          encrypted_content: 'EqgfCioIARgBIiQ3YTAwMjY1Mi1mZjM5LTQ1NGUtODgxNC1kNjNjNTk1ZWI3Y',
          page_age: 'April 30, 2025',
        })),
      },
      ...(answer.paused ? [] : anthropicAnswerBlocks(answer.text, cited)),
    ],
    stop_reason: answer.paused ? 'pause_turn' : 'end_turn',

    stop_sequence: null,
    usage: {
      input_tokens: 6039,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: 931,
      server_tool_use: { web_search_requests: 1 },
    },
  };
}

function perplexityPayload(model: string, answer: ScriptedAnswer) {
  const cited = answer.cited ?? [];
  const results = [...cited, ...(answer.consulted ?? [])];
  const markers = cited.map((_, index) => `[${index + 1}]`).join('');
  return {
    id: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
    model,
    created: 1756400000,
    usage: { prompt_tokens: 14, completion_tokens: 236, total_tokens: 250, search_context_size: 'low' },
    citations: results.map((s) => s.url),
    search_results: results.map((s) => ({ title: s.title ?? hostOf(s.url), url: s.url, date: '2025-06-01' })),
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        finish_reason: 'stop',
        message: { role: 'assistant', content: `${answer.text}${markers ? ` ${markers}` : ''}` },
        delta: { role: 'assistant', content: '' },
      },
    ],
  };
}

function geminiPayload(model: string, prompt: string, answer: ScriptedAnswer) {
  const cited = answer.cited ?? [];
  const chunks = [...cited, ...(answer.consulted ?? [])];
  return {
    candidates: [
      {
        content: { parts: [{ text: answer.text }], role: 'model' },
        finishReason: 'STOP',
        index: 0,
        groundingMetadata: {
          webSearchQueries: [prompt],
          searchEntryPoint: { renderedContent: '<style>.container{}</style><div class="container"></div>' },
          groundingChunks: chunks.map((s, i) => ({
            web: {
              uri: `https://vertexaisearch.cloud.google.com/grounding-api-redirect/AUZIYQ${i}xk3lP`,
              title: hostOf(s.url),
            },
          })),
          groundingSupports: cited.map((_, i) => ({
            segment: {
              startIndex: 0,
              endIndex: Math.min(40, answer.text.length),
              text: answer.text.slice(0, 40),
            },
            groundingChunkIndices: [i],
            confidenceScores: [0.92],
          })),
        },
      },
    ],
    usageMetadata: {
      promptTokenCount: 12,
      candidatesTokenCount: 250,
      totalTokenCount: 330,
      toolUsePromptTokenCount: 38,
      thoughtsTokenCount: 30,
    },
    modelVersion: model,
    responseId: 'mKBmaL3nBf6Kz7IPx5ieuAc',
  };
}

function compatPayload(model: string, answer: ScriptedAnswer) {
  const links = (answer.cited ?? []).map((s) => `- [${s.title ?? hostOf(s.url)}](${s.url})`).join('\n');
  return {
    id: 'chatcmpl-123',
    object: 'chat.completion',
    created: 1756400000,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: links ? `${answer.text}\n\nSources:\n${links}` : answer.text },
        finish_reason: 'stop',
      },
    ],
    usage: { prompt_tokens: 20, completion_tokens: 120, total_tokens: 140 },
  };
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** OpenAI's and Anthropic's `user_location`: type approximate, an optional two-letter country. */
function isApproximateLocation(value: unknown): boolean {
  return (
    isRecord(value) &&
    value.type === 'approximate' &&
    (value.country === undefined || (typeof value.country === 'string' && /^[A-Z]{2}$/.test(value.country)))
  );
}

/** Returns the prompt, or writes the API's error response and returns null. */
function validate(engine: EngineName, req: IncomingMessage, body: unknown, res: ServerResponse, key: string) {
  const b = isRecord(body) ? body : {};
  const messages = Array.isArray(b.messages) ? b.messages.filter(isRecord) : [];
  const userContent = messages[0]?.role === 'user' ? messages[0].content : undefined;
  switch (engine) {
    case 'openai': {
      if (req.headers.authorization !== `Bearer ${key}`) {
        json(
          res,
          401,
          openaiError(
            `Incorrect API key provided: ${String(req.headers.authorization).replace('Bearer ', '')}. You can find your API key at https://platform.openai.com/account/api-keys.`,
            'invalid_api_key',
          ),
        );
        return null;
      }
      const tools = Array.isArray(b.tools) ? b.tools.filter(isRecord) : [];
      const include = Array.isArray(b.include) ? b.include : [];
      if (typeof b.model !== 'string' || typeof b.input !== 'string') {
        json(res, 400, openaiError("Missing required parameter: 'model' or 'input'."));
        return null;
      }
      if (
        !tools.some((t) => t.type === 'web_search') ||
        !include.includes('web_search_call.action.sources')
      ) {
        json(
          res,
          400,
          openaiError('Test server: expected the web_search tool and include web_search_call.action.sources'),
        );
        return null;
      }
      const location = tools.find((t) => t.type === 'web_search')?.user_location;
      if (location !== undefined && !isApproximateLocation(location)) {
        json(res, 400, openaiError("Invalid value for 'tools[0].user_location'.", 'invalid_value'));
        return null;
      }
      return b.input;
    }
    case 'anthropic': {
      if (req.headers['x-api-key'] !== key) {
        json(res, 401, anthropicError('authentication_error', 'invalid x-api-key'));
        return null;
      }
      if (req.headers['anthropic-version'] !== '2023-06-01') {
        json(res, 400, anthropicError('invalid_request_error', 'anthropic-version: header is required'));
        return null;
      }
      const tools = Array.isArray(b.tools) ? b.tools.filter(isRecord) : [];
      if (
        typeof b.model !== 'string' ||
        typeof b.max_tokens !== 'number' ||
        typeof userContent !== 'string'
      ) {
        json(res, 400, anthropicError('invalid_request_error', 'max_tokens: Field required'));
        return null;
      }
      if (!tools.some((t) => t.type === 'web_search_20250305' && t.name === 'web_search')) {
        json(
          res,
          400,
          anthropicError('invalid_request_error', 'Test server: expected the web_search_20250305 tool'),
        );
        return null;
      }
      const location = tools.find((t) => t.type === 'web_search_20250305')?.user_location;
      if (location !== undefined && !isApproximateLocation(location)) {
        json(res, 400, anthropicError('invalid_request_error', 'tools.0.user_location: invalid'));
        return null;
      }
      return userContent;
    }
    case 'perplexity':
    case 'openai-compatible': {
      if (key && req.headers.authorization !== `Bearer ${key}`) {
        json(res, 401, { error: { message: 'Invalid API key', type: 'invalid_api_key', code: 401 } });
        return null;
      }
      if (!key && req.headers.authorization !== undefined) {
        json(res, 400, { error: { message: 'Test server: no Authorization expected without a key' } });
        return null;
      }
      if (typeof b.model !== 'string' || typeof userContent !== 'string') {
        json(res, 400, {
          error: { message: "Field 'messages' is required", type: 'invalid_request_error', code: 400 },
        });
        return null;
      }
      const options = isRecord(b.web_search_options) ? b.web_search_options : {};
      const location = isRecord(options.user_location) ? options.user_location : undefined;
      // As documented: coordinates only together with a country.
      if (
        location &&
        (location.latitude !== undefined || location.longitude !== undefined) &&
        !location.country
      ) {
        json(res, 400, { error: { message: 'latitude and longitude require country', code: 400 } });
        return null;
      }
      const languages = b.search_language_filter;
      if (
        languages !== undefined &&
        !(
          Array.isArray(languages) &&
          languages.every((code) => typeof code === 'string' && /^[a-z]{2}$/.test(code))
        )
      ) {
        json(res, 400, { error: { message: 'search_language_filter: invalid ISO 639-1 code', code: 400 } });
        return null;
      }
      return userContent;
    }
    case 'gemini': {
      if (req.headers['x-goog-api-key'] !== key) {
        json(
          res,
          400,
          googleError(400, 'API key not valid. Please pass a valid API key.', 'INVALID_ARGUMENT'),
        );
        return null;
      }
      const contents = Array.isArray(b.contents) ? b.contents.filter(isRecord) : [];
      const parts = Array.isArray(contents[0]?.parts)
        ? (contents[0].parts as unknown[]).filter(isRecord)
        : [];
      const tools = Array.isArray(b.tools) ? b.tools.filter(isRecord) : [];
      if (typeof parts[0]?.text !== 'string') {
        json(
          res,
          400,
          googleError(
            400,
            '* GenerateContentRequest.contents: contents is not specified',
            'INVALID_ARGUMENT',
          ),
        );
        return null;
      }
      if (!tools.some((t) => isRecord(t.google_search))) {
        json(res, 400, googleError(400, 'Test server: expected the google_search tool', 'INVALID_ARGUMENT'));
        return null;
      }
      const toolConfig = isRecord(b.toolConfig) ? b.toolConfig : {};
      const retrieval = isRecord(toolConfig.retrievalConfig) ? toolConfig.retrievalConfig : undefined;
      const latLng = retrieval && isRecord(retrieval.latLng) ? retrieval.latLng : undefined;
      if (latLng && (typeof latLng.latitude !== 'number' || typeof latLng.longitude !== 'number')) {
        json(
          res,
          400,
          googleError(400, 'Invalid value at tool_config.retrieval_config.lat_lng', 'INVALID_ARGUMENT'),
        );
        return null;
      }
      return parts[0].text;
    }
  }
}

export class FakeProviders {
  readonly calls: RecordedCall[] = [];
  /** Scripted answer per prompt; the default names nobody and cites nothing. */
  answer: (prompt: string, engine: EngineName) => ScriptedAnswer = () => ({
    text: 'No particular brand stands out.',
  });
  keys: Record<EngineName, string> = { ...KEYS };
  /** Delay before each normal answer, to observe concurrency. */
  delayMs = 0;
  /** Most requests of one engine in flight at once. */
  readonly maxInFlight = new Map<EngineName, number>();
  private readonly inFlight = new Map<EngineName, number>();
  private readonly queued = new Map<EngineName, RawResponse[]>();
  private readonly always = new Map<EngineName, RawResponse>();
  private readonly hanging = new Set<ServerResponse>();
  private server!: Server;
  url = '';

  static async start(): Promise<FakeProviders> {
    const fake = new FakeProviders();
    fake.server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** Responses sent, in order, before the normal behaviour resumes. */
  queue(engine: EngineName, ...responses: RawResponse[]): void {
    this.queued.set(engine, [...(this.queued.get(engine) ?? []), ...responses]);
  }

  /** A response sent to every request of this engine (an engine down for the whole run). */
  down(engine: EngineName, response: RawResponse): void {
    this.always.set(engine, response);
  }

  callsFor(engine: EngineName): RecordedCall[] {
    return this.calls.filter((call) => call.engine === engine);
  }

  config(name: EngineName, extra: Partial<EngineConfig> = {}): EngineConfig {
    return { name, apiKey: KEYS[name], baseUrl: `${this.url}${PREFIX[name]}`, model: MODELS[name], ...extra };
  }

  configs(extra: Partial<EngineConfig> = {}): EngineConfig[] {
    return (Object.keys(PREFIX) as EngineName[]).map((name) => this.config(name, extra));
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private route(path: string): { engine: EngineName; model: string } | null {
    if (path === '/openai/v1/responses') return { engine: 'openai', model: '' };
    if (path === '/anthropic/v1/messages') return { engine: 'anthropic', model: '' };
    if (path === '/perplexity/chat/completions') return { engine: 'perplexity', model: '' };
    if (path === '/compat/chat/completions') return { engine: 'openai-compatible', model: '' };
    const gemini = /^\/gemini\/v1beta\/models\/([^/:]+):generateContent$/.exec(path);
    if (gemini) return { engine: 'gemini', model: decodeURIComponent(gemini[1] ?? '') };
    return null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = (req.url ?? '').split('?')[0] ?? '';
    const route = req.method === 'POST' ? this.route(path) : null;
    if (!route) return json(res, 404, { error: { message: `Unknown path ${req.method} ${path}` } });
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return json(res, 400, { error: { message: 'We could not parse the JSON body of your request.' } });
    }
    const { engine } = route;
    this.calls.push({ engine, path, headers: req.headers, body });

    const scripted = this.queued.get(engine)?.shift() ?? this.always.get(engine);
    if (scripted === 'hang') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    if (scripted) {
      res.writeHead(scripted.status, { 'content-type': 'application/json', ...scripted.headers });
      res.end(scripted.body);
      return;
    }

    const prompt = validate(engine, req, body, res, this.keys[engine]);
    if (prompt === null) return;
    if (this.delayMs > 0) {
      const current = (this.inFlight.get(engine) ?? 0) + 1;
      this.inFlight.set(engine, current);
      this.maxInFlight.set(engine, Math.max(current, this.maxInFlight.get(engine) ?? 0));
      await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      this.inFlight.set(engine, (this.inFlight.get(engine) ?? 1) - 1);
    }
    const model = isRecord(body) && typeof body.model === 'string' ? body.model : route.model;
    const answer = this.answer(prompt, engine);
    switch (engine) {
      case 'openai':
        return json(res, 200, openaiPayload(model, prompt, answer));
      case 'anthropic':
        return json(res, 200, anthropicPayload(model, prompt, answer));
      case 'perplexity':
        return json(res, 200, perplexityPayload(model, answer));
      case 'gemini':
        return json(res, 200, geminiPayload(route.model, prompt, answer));
      case 'openai-compatible':
        return json(res, 200, compatPayload(model, answer));
    }
  }
}
