// GET /reports/<audit id>.<html|md|json|csv|sarif>: an audit's report, rendered by src/reports/.
// Two ways in: the API's own credential (Authorization: Bearer <access token | API key with
// audits:read>, or x-api-key), resolved by the very context factory GraphQL uses, with the
// audit's visibility rule (any member, VIEWER included); or ?token=<share token> of a live
// ReportLink of that audit. Every refusal about the audit is the same 404, whatever the reason,
// so that nothing can be learnt from it. docs/reports.md is the reference.
import { createHash } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, type Registry } from 'prom-client';
import { AppError } from '../common/errors.js';
import { fromGlobalId } from '../common/global-id.js';
import type { ContextFactory } from '../graphql/context.js';
import { assertAccess } from '../graphql/directives/auth.js';
import { callerIdentity } from '../graphql/directives/rate-limit.js';
import { isExpectedError } from '../graphql/errors.js';
import { ApiKeyScope } from '../modules/api-keys/api-key.entity.js';
import type { Audit } from '../modules/audits/audit.entity.js';
import type { Services } from '../modules/services.js';
import { Role } from '../modules/users/user.entity.js';
import { isReportFormat, renderReport, type ReportFormat } from '../reports/render.js';

/** Formats a browser cannot show well are downloaded; the others open in place. */
const ATTACHMENT: ReadonlySet<ReportFormat> = new Set(['csv', 'sarif']);
const FILE = /^([A-Za-z0-9_-]{1,200})\.([a-z]{1,10})$/;

/** Report fetches per minute: per share token and per address (anonymous), per caller (signed in). */
export const REPORT_RATE_LIMITS = { perToken: 60, perAddress: 60, perCaller: 120, windowMs: 60_000 };

const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'";
const OTHER_CSP = "default-src 'none'; frame-ancestors 'none'";

const NOT_FOUND_BODY = { error: { code: 'NOT_FOUND', message: 'Report not found' } };

export interface ReportRouteDependencies {
  orm: MikroORM;
  services: Services;
  /** The GraphQL context factory: the same credential resolution as the API. */
  createContext: ContextFactory;
  metricsRegistry: Registry;
}

/** An audit id of a well-formed `Audit` global id, else null (the route answers 404, not 400). */
function auditIdOf(globalId: string): string | null {
  try {
    return fromGlobalId(globalId, 'Audit').id;
  } catch {
    return null;
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest('base64url');

function common(reply: FastifyReply): FastifyReply {
  return reply
    .header('cache-control', 'private, no-store')
    .header('x-robots-tag', 'noindex, nofollow')
    .header('referrer-policy', 'no-referrer');
}

const notFound = (reply: FastifyReply) =>
  common(reply).header('content-security-policy', OTHER_CSP).code(404).send(NOT_FOUND_BODY);

function limited(reply: FastifyReply, retryAfterMs: number) {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return common(reply)
    .code(429)
    .header('retry-after', String(retryAfterSeconds))
    .send({
      error: { code: 'RATE_LIMITED', message: `Too many report requests. Retry in ${retryAfterSeconds} s.` },
    });
}

export function registerReportRoutes(app: FastifyInstance, deps: ReportRouteDependencies): void {
  const { services } = deps;
  const views = new Counter({
    name: 'report_views_total',
    help: 'Reports served, by format and by how the caller got in (credential or share link).',
    labelNames: ['format', 'access'] as const,
    registers: [deps.metricsRegistry],
  });
  /** Counts a hit on each key; the first refusal wins. */
  const overLimit = async (hits: Array<[key: string, max: number]>): Promise<number | null> => {
    for (const [key, max] of hits) {
      const decision = await services.rateLimits.hit(`reports:${key}`, max, REPORT_RATE_LIMITS.windowMs);
      if (!decision.allowed) return decision.retryAfterMs;
    }
    return null;
  };

  /** The audit the request may read, a reply already sent (401, 429), or null (404). */
  const authorise = async (
    request: FastifyRequest,
    reply: FastifyReply,
    auditId: string,
  ): Promise<{ audit: Audit; access: 'credential' | 'share' } | FastifyReply | null> => {
    const token = (request.query as Record<string, unknown>).token;
    const credential = request.headers.authorization || [request.headers['x-api-key'] ?? []].flat()[0];
    if (token !== undefined) {
      if (typeof token !== 'string') return null;
      const retryAfter = await overLimit([
        [`token:${digest(token)}`, REPORT_RATE_LIMITS.perToken],
        [`address:${request.ip}`, REPORT_RATE_LIMITS.perAddress],
      ]);
      if (retryAfter !== null) return limited(reply, retryAfter);
      const audit = await services.reportLinks.shared(deps.orm.em.fork(), auditId, token);
      return audit && { audit, access: 'share' };
    }
    if (!credential) {
      const retryAfter = await overLimit([[`address:${request.ip}`, REPORT_RATE_LIMITS.perAddress]]);
      return retryAfter === null ? null : limited(reply, retryAfter);
    }
    let ctx;
    try {
      ctx = await deps.createContext({
        requestId: request.id,
        log: request.log,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        credential,
      });
    } catch (error) {
      if (!isExpectedError(error)) throw error;
      // A bad or expired credential says nothing about the audit: the client should sign in again.
      return common(reply)
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send({ error: { code: 'UNAUTHENTICATED', message: (error as Error).message } });
    }
    const retryAfter = await overLimit([[`caller:${callerIdentity(ctx)}`, REPORT_RATE_LIMITS.perCaller]]);
    if (retryAfter !== null) return limited(reply, retryAfter);
    try {
      assertAccess(ctx, Role.USER, [ApiKeyScope.AUDITS_READ]);
    } catch (error) {
      if (error instanceof AppError) return null;
      throw error;
    }
    const audit = await services.reportLinks.readable(ctx, auditId);
    return audit && { audit, access: 'credential' };
  };

  app.get('/reports/:file', async (request, reply) => {
    // Errors are answered here: Fastify's own error log line would carry the URL, token included.
    try {
      const match = FILE.exec((request.params as { file: string }).file);
      const format = match?.[2];
      const auditId = match && auditIdOf(match[1]!);
      if (!format || !isReportFormat(format) || !auditId) return notFound(reply);
      const granted = await authorise(request, reply, auditId);
      if (!granted) return notFound(reply);
      if (!('audit' in granted)) return granted;
      const { audit, access } = granted;
      if (!audit.isFinished) {
        return common(reply)
          .header('content-security-policy', OTHER_CSP)
          .code(409)
          .header('retry-after', '10')
          .send({
            error: {
              code: 'CONFLICT',
              message: `The audit has not ended yet (${audit.status}): its report is ready once it ends.`,
            },
          });
      }
      const document = await services.reportLinks.document(deps.orm.em.fork(), audit);
      const rendered = renderReport(document, format, { checks: services.results.catalogue() });
      views.inc({ format, access });
      const disposition = ATTACHMENT.has(format) ? 'attachment' : 'inline';
      return common(reply)
        .code(200)
        .type(rendered.contentType)
        .header('content-security-policy', format === 'html' ? HTML_CSP : OTHER_CSP)
        .header('content-disposition', `${disposition}; filename="aeo-${match[1]}.${rendered.extension}"`)
        .send(rendered.body);
    } catch (error) {
      request.log.error({ err: error, path: '/reports/:file' }, 'report failed');
      return common(reply)
        .code(500)
        .send({
          error: {
            code: 'INTERNAL_SERVER_ERROR',
            message: 'The report could not be made',
            requestId: request.id,
          },
        });
    }
  });
}
