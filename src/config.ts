// One typed, validated view of the environment. Every secret may come from `NAME_FILE`
// (Docker/Kubernetes secrets); the process refuses to start with a clear message naming
// the variable when something is wrong.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseAllowEntry } from './audit-engine/net/address-policy.js';
import { readSecretFiles } from './common/secret-files.js';
import { parseWindow } from './infra/rate-limit/window.js';
import {
  engineConfigsFromEnv,
  parsePriceTable,
  type EngineConfig,
  type PriceTable,
} from './audit-engine/visibility/index.js';
import { CREATE_AUDIT_RATE_LIMIT } from './modules/audits/audit-rate-limit.js';
import { Plan, type PlanLimits } from './modules/plans/plan.js';

/** Variables that may be given as `NAME_FILE` pointing at a file holding the value. */
export const SECRET_NAMES = [
  'JWT_SECRET',
  'JWT_PREVIOUS_SECRETS',
  'DATABASE_URL',
  'REDIS_URL',
  'SENTRY_DSN',
  'METRICS_TOKEN',
  'SMTP_URL',
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'PERPLEXITY_API_KEY',
  'GEMINI_API_KEY',
  'OPENAI_COMPATIBLE_API_KEY',
] as const;

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const list = z.preprocess(emptyToUndefined, z.string().optional()).transform((value) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);
const durationSeconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const boolean = (fallback: boolean) =>
  z
    .preprocess(emptyToUndefined, z.enum(['true', 'false']).optional())
    .transform((value) => (value ? value === 'true' : fallback));

/** A limit as `@rateLimit` declares it. */
export interface RateLimitSetting {
  max: number;
  window: string;
  by?: string[];
}

/**
 * RATE_LIMIT_OVERRIDES: JSON, `Type.field` → one limit or a list of them, each
 * `{ "max": 20, "window": "15m", "by": ["input.email"] }`; they replace what the field declares.
 * `"Mutation.login": "20/15m"` is the short form of a limit without `by`.
 */
function rateLimitOverrides(text: string | undefined): Record<string, RateLimitSetting[]> {
  if (!text) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('must be a JSON object, e.g. {"Mutation.login": "20/15m"}');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('must be a JSON object, e.g. {"Mutation.login": "20/15m"}');
  }
  const rule = z.union([
    z
      .string()
      .regex(/^\d+\/\S+$/, 'a short limit is "max/window", e.g. "20/15m"')
      .transform((value) => {
        const [max, window] = value.split('/') as [string, string];
        return { max: Number(max), window };
      }),
    z.object({
      max: z.number().int().min(1),
      window: z.string(),
      by: z.array(z.string().min(1)).min(1).optional(),
    }),
  ]);
  const result: Record<string, RateLimitSetting[]> = {};
  for (const [field, value] of Object.entries(parsed)) {
    if (!/^(Query|Mutation|Subscription|[A-Z]\w*)\.\w+$/.test(field)) {
      throw new Error(`"${field}" must name a field as Type.field, e.g. Mutation.login`);
    }
    const rules = z
      .array(rule)
      .min(1)
      .safeParse(Array.isArray(value) ? value : [value]);
    if (!rules.success) throw new Error(`${field}: ${rules.error.issues[0]!.message}`);
    for (const { max, window } of rules.data) {
      if (!Number.isInteger(max) || max < 1) throw new Error(`${field}: max must be a positive integer`);
      try {
        parseWindow(window);
      } catch (error) {
        throw new Error(`${field}: ${(error as Error).message}`, { cause: error });
      }
    }
    result[field] = rules.data;
  }
  return result;
}

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: optionalString,
  EMBEDDED_POSTGRES_DIR: z.string().default('.data/postgres'),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(10),
  REDIS_URL: optionalString,
  JWT_SECRET: optionalString,
  // Secrets rotated out, still accepted for verifying (comma- or newline-separated).
  JWT_PREVIOUS_SECRETS: z
    .preprocess(emptyToUndefined, z.string().optional())
    .transform((value) => (value ?? '').split(/[\s,]+/).filter(Boolean)),
  ACCESS_TOKEN_TTL_SECONDS: durationSeconds(15 * 60),
  REFRESH_TOKEN_TTL_SECONDS: durationSeconds(30 * 24 * 3600),
  // Session lookups cached per replica, evicted on every access change through pub/sub (0 = off).
  SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(60).default(5),
  SESSION_CACHE_MAX_ENTRIES: z.coerce.number().int().positive().default(50_000),
  SENTRY_DSN: optionalString,
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  METRICS_TOKEN: optionalString,
  SMTP_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@host:587')
      .optional(),
  ),
  MAIL_FROM: z.string().min(3).default('AEO Audit <no-reply@localhost>'),
  PUBLIC_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  PASSWORD_RESET_TTL_SECONDS: durationSeconds(3600),
  EMAIL_VERIFICATION_TTL_SECONDS: durationSeconds(3 * 24 * 3600),
  INVITATION_TTL_SECONDS: durationSeconds(7 * 24 * 3600),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(6),
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(600),
  WEBHOOK_DISABLE_AFTER: z.coerce.number().int().min(1).max(1000).default(10),
  SECURITY_LOG_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  CORS_ORIGINS: list,
  TRUSTED_PROXIES: list,
  RATE_LIMIT_DEFAULT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_CREATE_AUDIT_PER_MINUTE: z.coerce.number().int().min(1).default(CREATE_AUDIT_RATE_LIMIT.max),
  HTTP_BUDGET_ANONYMOUS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  HTTP_BUDGET_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  WS_MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).default(20),
  PROGRESS_STREAM_CHECK_MS: z.coerce.number().int().min(100).default(15_000),
  RATE_LIMIT_KEY_PREFIX: z.string().min(1).default('rl:'),
  // The execution path (ADR 0012): rate-limit reservations, limits by field, compiled
  // execution, persisted queries.
  RATE_LIMIT_LEASE_MAX: z.coerce.number().int().min(1).max(10_000).default(64),
  RATE_LIMIT_LEASE_HOLD_MS: z.coerce.number().int().min(10).max(10_000).default(1000),
  RATE_LIMIT_OVERRIDES: z.preprocess(emptyToUndefined, z.string().optional()).transform((text, ctx) => {
    try {
      return rateLimitOverrides(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  }),
  GRAPHQL_JIT: boolean(true),
  GRAPHQL_JIT_CACHE_SIZE: z.coerce.number().int().min(1).default(500),
  PERSISTED_QUERIES: boolean(true),
  PERSISTED_QUERIES_CACHE_MB: z.coerce.number().positive().default(8),
  PERSISTED_QUERIES_TTL_SECONDS: durationSeconds(24 * 3600),
  TRUSTED_DOCUMENTS_MANIFEST: optionalString,
  TRUSTED_DOCUMENTS_ALLOW_INTROSPECTION: boolean(false),
  GRAPHQL_EXECUTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  GRAPHQL_INTROSPECTION: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional()),
  GRAPHQL_IDE: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).optional()),
  AUDIT_ALLOWED_PRIVATE_HOSTS: list.superRefine((entries, ctx) => {
    for (const entry of entries) {
      try {
        parseAllowEntry(entry);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }
  }),
  // SITE audits, page rendering (issue 15): headless Chromium to compare rendered and raw text.
  CHROMIUM_PATH: z.preprocess(emptyToUndefined, z.string().optional()),
  AUDIT_DEFAULT_MAX_PAGES: z.coerce.number().int().min(1).max(10_000).default(50),
  AUDIT_MAX_PAGES_LIMIT: z.coerce.number().int().min(1).max(10_000).default(500),
  /** SITE crawls: requests in flight to the audited host at once (docs/crawling.md). */
  AUDIT_CRAWL_CONCURRENCY_PER_HOST: z.coerce.number().int().min(1).max(8).default(2),
  PLAN_FREE_AUDITS_PER_DAY: z.coerce.number().int().min(0).default(20),
  PLAN_FREE_CONCURRENT_AUDITS: z.coerce.number().int().min(0).default(3),
  PLAN_FREE_MAX_PAGES: z.coerce.number().int().min(1).max(10_000).default(50),
  PLAN_FREE_MAX_PROMPTS: z.coerce.number().int().min(1).max(1_000).default(10),
  PLAN_PRO_AUDITS_PER_DAY: z.coerce.number().int().min(0).default(500),
  PLAN_PRO_CONCURRENT_AUDITS: z.coerce.number().int().min(0).default(20),
  PLAN_PRO_MAX_PAGES: z.coerce.number().int().min(1).max(10_000).default(500),
  PLAN_PRO_MAX_PROMPTS: z.coerce.number().int().min(1).max(1_000).default(50),
  PLAN_FREE_MAX_PROJECTS: z.coerce.number().int().min(0).default(3),
  PLAN_FREE_MIN_SCHEDULE_MINUTES: z.coerce.number().int().min(1).default(1440),
  PLAN_PRO_MAX_PROJECTS: z.coerce.number().int().min(0).default(50),
  PLAN_PRO_MIN_SCHEDULE_MINUTES: z.coerce.number().int().min(1).default(60),
  WORKER_IN_PROCESS: boolean(true),
  WORKER_HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  AUDIT_JOB_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(2),
  AUDIT_JOB_RETRY_DELAY_SECONDS: z.coerce.number().int().min(0).default(5),
  AUDIT_JOB_HEARTBEAT_SECONDS: z.coerce.number().int().min(10).default(30),
  AUDIT_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(60).default(3600),
  JOB_SUPERVISE_INTERVAL_SECONDS: z.coerce.number().int().min(1).default(15),
  VISIBILITY_SAMPLES: z.coerce.number().int().min(1).max(10).default(1),
  VISIBILITY_CACHE_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .default(24 * 3600),
  // Most samples (answers per prompt and engine) one audit may ask for (CreateAuditInput.samples).
  VISIBILITY_MAX_SAMPLES: z.coerce.number().int().min(1).max(10).default(5),
  // Per-model prices (JSON) merged over the engine's defaults: cost estimates, actual costs, budgets.
  VISIBILITY_PRICES: z.preprocess(emptyToUndefined, z.string().optional()).superRefine((value, ctx) => {
    try {
      parsePriceTable(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  }),
  // Graceful stop (docs/deployment.md, "Shutdown"): readiness off and still serving for the
  // drain (default 5 s in production, 0 elsewhere), then a hard deadline from the signal.
  SHUTDOWN_DRAIN_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(300_000).optional()),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  isProduction: boolean;
  port: number;
  host: string;
  logLevel: Env['LOG_LEVEL'];
  /** Absent: an embedded PostgreSQL is started under `embeddedPostgres.dir`. */
  databaseUrl: string | undefined;
  embeddedPostgres: { dir: string; port: number };
  databasePoolMax: number;
  /** Absent: in-process pub/sub and counters (single process only). */
  redisUrl: string | undefined;
  jwtSecret: string;
  /**
   * Signing secrets rotated out: access tokens they signed keep verifying, and webhook secrets
   * sealed with them keep opening, until `secrets:reseal` and the token lifetime have passed.
   */
  jwtPreviousSecrets: string[];
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /**
   * How long a replica trusts a session lookup (session live, user active, role, profile)
   * without the database, and for how many sessions at most; every change of a user's access
   * evicts it on every replica through pub/sub. 0 seconds: every request looks it up.
   */
  sessionCache: { seconds: number; maxEntries: number };
  sentryDsn: string | undefined;
  /** Security events older than this are deleted daily (0 = kept forever). */
  securityLogRetentionDays: number;
  metrics: {
    /** The API's /metrics (and /healthz) on this port instead of the API's own (0 = the API's port). */
    port: number;
    /** When set, /metrics (API and worker) answers only `Authorization: Bearer <token>`. */
    token: string | undefined;
  };
  mail: {
    /** Absent: messages stay in the outbox table and are logged (the embedded default). */
    smtpUrl: string | undefined;
    from: string;
  };
  /** Where emailed links point (no trailing slash). */
  publicUrl: string;
  /** Lifetimes of the single-use tokens sent by email. */
  accountTokens: { passwordResetTtlSeconds: number; emailVerificationTtlSeconds: number };
  /** How long an emailed workspace invitation can be accepted (re-sending starts it again). */
  invitationTtlSeconds: number;
  webhooks: {
    /** Attempts per delivery (the first and its retries). */
    maxAttempts: number;
    /** The first retry's delay; each next one is 3× longer (±20% jitter). */
    retryBaseSeconds: number;
    /** Consecutive failed deliveries after which a webhook is disabled. */
    disableAfter: number;
  };
  corsOrigins: string[];
  /** Proxies (IPs/CIDRs) whose X-Forwarded-For is believed; nobody else picks their own client IP. */
  trustedProxies: string[];
  /** Redis key prefix of rate-limit counters (separate deployments sharing one Redis). */
  rateLimitKeyPrefix: string;
  /** Calls per minute per caller for root fields without their own @rateLimit. */
  defaultRateLimitPerMinute: number;
  /** `createAudit` calls per minute per caller (the schema declares the default). */
  createAuditRateLimitPerMinute: number;
  /** HTTP requests to /graphql per minute per client address, without and with a credential. */
  httpBudget: { anonymousPerMinute: number; perMinute: number };
  /**
   * Hits of the request budget and `@rateLimit` reserved from Redis at once, at most `max` (1:
   * every hit is a Redis call), handed out for `holdMs` (see infra/rate-limit/leased-store.ts).
   */
  rateLimitLease: { max: number; holdMs: number };
  /** Limits replacing what fields declare, by `Type.field` (RATE_LIMIT_OVERRIDES). */
  rateLimitOverrides: Record<string, RateLimitSetting[]>;
  /** Compiled execution (graphql-jit), each operation compiled once, `cacheSize` kept. */
  jit: { enabled: boolean; cacheSize: number };
  /** Automatic persisted queries: texts kept by their hash (Redis when configured). */
  persistedQueries: { enabled: boolean; cacheMb: number; ttlSeconds: number };
  /** Trusted documents mode: only the manifest's operations run (null: any operation). */
  trustedDocuments: { manifest: string | null; allowIntrospection: boolean };
  websocket: { maxConnectionsPerAddress: number; maxSubscriptionsPerConnection: number };
  /** How often the open progress streams are checked together (access, lost events), besides pushed changes. */
  progressStreamCheckMs: number;
  introspection: boolean;
  /** GraphiQL on GET /graphql for browsers (off in production unless GRAPHQL_IDE=true). */
  ide: boolean;
  /** How long one GraphQL operation may execute (each subscription event gets its own budget). */
  executionTimeoutMs: number;
  auditAllowedPrivateHosts: string[];
  audits: {
    defaultMaxPages: number;
    maxPagesLimit: number;
    crawlConcurrencyPerHost: number;
    /** Headless Chromium for SITE audits' rendered-text comparison; undefined: not compared. */
    chromiumPath?: string;
  };
  /** Quotas per plan (audit creation refuses with QUOTA_EXCEEDED beyond them). */
  plans: Record<Plan, PlanLimits>;
  worker: {
    /** `npm start` runs audits in the API process (the single-machine default). */
    inProcess: boolean;
    concurrency: number;
    /** Standalone worker: /healthz and /metrics on this port (0 = off). */
    httpPort: number;
    retryLimit: number;
    retryDelaySeconds: number;
    /** A worker that misses heartbeats this long is presumed dead: its job runs again. */
    heartbeatSeconds: number;
    expireSeconds: number;
    superviseIntervalSeconds: number;
  };
  visibility: {
    engines: EngineConfig[];
    /** Samples per prompt when an audit names none. */
    samples: number;
    /** Most samples an audit may ask for. */
    maxSamples: number;
    /** Prices per model (defaults + VISIBILITY_PRICES). */
    prices: PriceTable;
    cacheTtlSeconds: number;
  };
  /** A stop on SIGTERM/SIGINT (docs/deployment.md, "Shutdown"). */
  shutdown: {
    /** The API answers /readyz 503 and still serves this long before it stops accepting. */
    drainMs: number;
    /** From the signal: past it, the process exits 1 and logs what was still open. */
    timeoutMs: number;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Outside production, without JWT_SECRET: a random secret of this installation, kept beside the
 * embedded database (sessions survive a restart) — never a constant anyone could sign with.
 * Under test, one per process, written nowhere.
 */
function installationSecret(env: Env['NODE_ENV'], embeddedDir: string): string {
  if (env === 'test') return (processSecret ??= randomBytes(48).toString('base64url'));
  const file = `${path.resolve(embeddedDir)}.jwt-secret`;
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      // Another process wrote it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return readFileSync(file, 'utf8').trim();
  }
}
let processSecret: string | undefined;

export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const resolved = readSecretFiles(source, SECRET_NAMES, (message) => new ConfigError(message));
  const parsed = envSchema.safeParse(resolved);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === 'production';

  if (isProduction && !env.JWT_SECRET) {
    throw new ConfigError(
      'JWT_SECRET (or JWT_SECRET_FILE) must be set to a random secret in production, e.g. `openssl rand -base64 48`',
    );
  }
  if (isProduction && (env.JWT_SECRET?.length ?? 0) < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters long in production');
  }
  const drainMs = env.SHUTDOWN_DRAIN_MS ?? (isProduction ? 5_000 : 0);
  if (drainMs >= env.SHUTDOWN_TIMEOUT_MS) {
    throw new ConfigError(
      `SHUTDOWN_TIMEOUT_MS (${env.SHUTDOWN_TIMEOUT_MS}) must be longer than SHUTDOWN_DRAIN_MS ` +
        `(${drainMs}${env.SHUTDOWN_DRAIN_MS === undefined ? ', the default' : ''}): the drain is part of it`,
    );
  }
  if (isProduction && env.JWT_PREVIOUS_SECRETS.some((secret) => secret.length < 32)) {
    throw new ConfigError(
      'every JWT_PREVIOUS_SECRETS entry must be at least 32 characters long in production',
    );
  }

  return {
    env: env.NODE_ENV,
    isProduction,
    port: env.PORT,
    host: env.HOST,
    logLevel: env.LOG_LEVEL,
    databaseUrl: env.DATABASE_URL,
    embeddedPostgres: { dir: env.EMBEDDED_POSTGRES_DIR, port: env.EMBEDDED_POSTGRES_PORT },
    databasePoolMax: env.DATABASE_POOL_MAX,
    redisUrl: env.REDIS_URL,
    jwtSecret: env.JWT_SECRET ?? installationSecret(env.NODE_ENV, env.EMBEDDED_POSTGRES_DIR),
    jwtPreviousSecrets: env.JWT_PREVIOUS_SECRETS,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    sessionCache: { seconds: env.SESSION_CACHE_SECONDS, maxEntries: env.SESSION_CACHE_MAX_ENTRIES },
    sentryDsn: env.SENTRY_DSN,
    metrics: { port: env.METRICS_PORT, token: env.METRICS_TOKEN },
    securityLogRetentionDays: env.SECURITY_LOG_RETENTION_DAYS,
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ''),
    accountTokens: {
      passwordResetTtlSeconds: env.PASSWORD_RESET_TTL_SECONDS,
      emailVerificationTtlSeconds: env.EMAIL_VERIFICATION_TTL_SECONDS,
    },
    invitationTtlSeconds: env.INVITATION_TTL_SECONDS,
    webhooks: {
      maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
      retryBaseSeconds: env.WEBHOOK_RETRY_BASE_SECONDS,
      disableAfter: env.WEBHOOK_DISABLE_AFTER,
    },
    corsOrigins: env.CORS_ORIGINS,
    trustedProxies: env.TRUSTED_PROXIES,
    rateLimitKeyPrefix: env.RATE_LIMIT_KEY_PREFIX,
    defaultRateLimitPerMinute: env.RATE_LIMIT_DEFAULT_PER_MINUTE,
    createAuditRateLimitPerMinute: env.RATE_LIMIT_CREATE_AUDIT_PER_MINUTE,
    websocket: {
      maxConnectionsPerAddress: env.WS_MAX_CONNECTIONS_PER_ADDRESS,
      maxSubscriptionsPerConnection: env.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    },
    progressStreamCheckMs: env.PROGRESS_STREAM_CHECK_MS,
    httpBudget: {
      anonymousPerMinute: env.HTTP_BUDGET_ANONYMOUS_PER_MINUTE,
      perMinute: env.HTTP_BUDGET_PER_MINUTE,
    },
    rateLimitLease: { max: env.RATE_LIMIT_LEASE_MAX, holdMs: env.RATE_LIMIT_LEASE_HOLD_MS },
    rateLimitOverrides: env.RATE_LIMIT_OVERRIDES,
    jit: { enabled: env.GRAPHQL_JIT, cacheSize: env.GRAPHQL_JIT_CACHE_SIZE },
    persistedQueries: {
      enabled: env.PERSISTED_QUERIES,
      cacheMb: env.PERSISTED_QUERIES_CACHE_MB,
      ttlSeconds: env.PERSISTED_QUERIES_TTL_SECONDS,
    },
    trustedDocuments: {
      manifest: env.TRUSTED_DOCUMENTS_MANIFEST ?? null,
      allowIntrospection: env.TRUSTED_DOCUMENTS_ALLOW_INTROSPECTION,
    },
    executionTimeoutMs: env.GRAPHQL_EXECUTION_TIMEOUT_MS,
    introspection: env.GRAPHQL_INTROSPECTION ? env.GRAPHQL_INTROSPECTION === 'true' : !isProduction,
    ide: env.GRAPHQL_IDE ? env.GRAPHQL_IDE === 'true' : !isProduction,
    auditAllowedPrivateHosts: env.AUDIT_ALLOWED_PRIVATE_HOSTS,
    audits: {
      defaultMaxPages: env.AUDIT_DEFAULT_MAX_PAGES,
      maxPagesLimit: env.AUDIT_MAX_PAGES_LIMIT,
      crawlConcurrencyPerHost: env.AUDIT_CRAWL_CONCURRENCY_PER_HOST,
      chromiumPath: env.CHROMIUM_PATH,
    },
    plans: {
      [Plan.FREE]: {
        auditsPerDay: env.PLAN_FREE_AUDITS_PER_DAY,
        concurrentAudits: env.PLAN_FREE_CONCURRENT_AUDITS,
        maxPagesPerAudit: env.PLAN_FREE_MAX_PAGES,
        maxPromptsPerAudit: env.PLAN_FREE_MAX_PROMPTS,
        maxProjects: env.PLAN_FREE_MAX_PROJECTS,
        minScheduleMinutes: env.PLAN_FREE_MIN_SCHEDULE_MINUTES,
      },
      [Plan.PRO]: {
        auditsPerDay: env.PLAN_PRO_AUDITS_PER_DAY,
        concurrentAudits: env.PLAN_PRO_CONCURRENT_AUDITS,
        maxPagesPerAudit: env.PLAN_PRO_MAX_PAGES,
        maxPromptsPerAudit: env.PLAN_PRO_MAX_PROMPTS,
        maxProjects: env.PLAN_PRO_MAX_PROJECTS,
        minScheduleMinutes: env.PLAN_PRO_MIN_SCHEDULE_MINUTES,
      },
    },
    worker: {
      inProcess: env.WORKER_IN_PROCESS,
      concurrency: env.WORKER_CONCURRENCY,
      httpPort: env.WORKER_HTTP_PORT,
      retryLimit: env.AUDIT_JOB_RETRY_LIMIT,
      retryDelaySeconds: env.AUDIT_JOB_RETRY_DELAY_SECONDS,
      heartbeatSeconds: env.AUDIT_JOB_HEARTBEAT_SECONDS,
      expireSeconds: env.AUDIT_JOB_EXPIRE_SECONDS,
      superviseIntervalSeconds: env.JOB_SUPERVISE_INTERVAL_SECONDS,
    },
    visibility: {
      engines: engineConfigsFromEnv(resolved),
      samples: env.VISIBILITY_SAMPLES,
      maxSamples: env.VISIBILITY_MAX_SAMPLES,
      prices: parsePriceTable(env.VISIBILITY_PRICES),
      cacheTtlSeconds: env.VISIBILITY_CACHE_TTL_SECONDS,
    },
    shutdown: { drainMs, timeoutMs: env.SHUTDOWN_TIMEOUT_MS },
  };
}
