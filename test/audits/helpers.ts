// Shared steps for the audit end-to-end tests (accounts: ../helpers/accounts.ts).
import { expect } from '@jest/globals';
import type { Client } from 'graphql-ws';
import {
  AuditDocument,
  AuditProgressDocument,
  CreateAuditDocument,
  type AuditProgressSubscription,
  type AuditProgressSubscriptionVariables,
  type AuditQuery,
  type CreateAuditInput,
} from '../../client/generated/graphql.js';
import type { TestServer } from '../helpers/test-server.js';

export async function createAudit(server: TestServer, token: string, input: CreateAuditInput) {
  const response = await server.gql(CreateAuditDocument, { input }, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.createAudit;
}

export type AuditState = NonNullable<AuditQuery['audit']>;

export async function getAudit(server: TestServer, token: string, id: string) {
  const response = await server.gql(AuditDocument, { id }, { token });
  return response.data?.audit ?? undefined;
}

const TERMINAL = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

export async function waitForAudit(
  server: TestServer,
  token: string,
  id: string,
  until: (audit: AuditState) => boolean = (audit) => TERMINAL.includes(audit.status),
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const audit = await getAudit(server, token, id);
    if (audit && until(audit)) return audit;
    if (Date.now() > deadline)
      throw new Error(`audit ${id} did not reach the expected state: ${JSON.stringify(audit)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export type ProgressEvent = AuditProgressSubscription['auditProgress'];

/** Subscribes to auditProgress and collects events until the subscription completes. */
export function collectProgress(
  client: Client,
  id: string,
): { events: ProgressEvent[]; done: Promise<ProgressEvent[]> } {
  const events: ProgressEvent[] = [];
  const done = new Promise<ProgressEvent[]>((resolve, reject) => {
    const variables: AuditProgressSubscriptionVariables = { id };
    client.subscribe<AuditProgressSubscription>(
      { query: String(AuditProgressDocument), variables },
      {
        next: (result) => {
          if (result.errors) reject(new Error(JSON.stringify(result.errors)));
          else events.push(result.data!.auditProgress);
        },
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => resolve(events),
      },
    );
  });
  return { events, done };
}

/** Pages of a site whose every response takes `delayMs`: an audit that runs long enough to interrupt. */
export function slowSiteRoutes(pages: number, delayMs: number) {
  const links = Array.from({ length: pages }, (_, index) => `<a href="/p${index}">page ${index}</a>`).join(
    ' ',
  );
  const html = (title: string) =>
    `<!doctype html><html lang="en"><head><title>${title} – a slow site</title></head><body><h1>${title}</h1><p>Some words about ${title}.</p>${links}</body></html>`;
  const slow = (title: string) => ({
    handle: (_req: unknown, res: import('node:http').ServerResponse) => {
      setTimeout(() => res.writeHead(200, { 'content-type': 'text/html' }).end(html(title)), delayMs);
    },
  });
  return Object.fromEntries([
    ['/', slow('Home')],
    ...Array.from({ length: pages }, (_, index) => [`/p${index}`, slow(`Page ${index}`)]),
  ]);
}

/** Stores finished audits (with findings) directly, for listing tests that need many rows fast. */
export async function seedAudits(
  server: TestServer,
  ownerGlobalId: string,
  count: number,
  /** `workspaceId`: a global id; default: the owner's personal workspace. */
  options: { findingsPerAudit?: number; startAt?: Date; workspaceId?: string } = {},
) {
  const ownerId = Buffer.from(ownerGlobalId, 'base64url').toString().split(':')[1]!;
  const { randomUUID } = await import('node:crypto');
  const { Audit } = await import('../../src/modules/audits/audit.entity.js');
  const { Finding } = await import('../../src/modules/audits/finding.entity.js');
  const { Workspace } = await import('../../src/modules/workspaces/workspace.entity.js');
  const em = server.orm.em.fork();
  const workspace = options.workspaceId
    ? Buffer.from(options.workspaceId, 'base64url').toString().split(':')[1]!
    : (await em.findOneOrFail(Workspace, { personalOwner: ownerId })).id;
  const start = options.startAt?.getTime() ?? Date.now() - count * 1000;
  const audits = Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    owner: ownerId,
    workspace,
    kind: 'SITE' as never,
    url: `https://site${index}.example/`,
    input: { url: `https://site${index}.example/` },
    status: (index % 3 === 0 ? 'QUEUED' : 'SUCCEEDED') as never,
    progress: index % 3 === 0 ? 0 : 1,
    score: index % 3 === 0 ? null : (index * 37) % 101,
    grade: null,
    categories: [],
    attempts: 0,
    createdAt: new Date(start + index * 1000),
    updatedAt: new Date(start + ((index * 7) % count) * 1000),
  }));
  await em.insertMany(Audit, audits);
  const perAudit = options.findingsPerAudit ?? 0;
  if (perAudit) {
    const severities = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'];
    await em.insertMany(
      Finding,
      audits.flatMap((audit) =>
        Array.from({ length: perAudit }, (_, rank) => ({
          id: randomUUID(),
          audit: audit.id,
          rank,
          checkId: `check.${rank}`,
          category: 'basics',
          severity: severities[rank % 5] as never,
          title: `Finding ${rank} of ${audit.url}`,
          detail: 'detail',
          recommendation: 'fix it',
          urls: [audit.url],
          pointsLost: perAudit - rank,
        })),
      ),
    );
  }
  return audits.map((audit) => Buffer.from(`Audit:${audit.id}`).toString('base64url'));
}

/** SITE details in the shape of src/audit-engine/result.ts (SiteDetails), for reading tests. */
export function siteDetailsFixture(origin = 'https://shop.example') {
  const page = (path: string, extra: Record<string, unknown> = {}) => ({
    url: `${origin}${path}`,
    finalUrl: `${origin}${path}`,
    redirects: [],
    status: 200,
    error: null,
    depth: path === '/' ? 0 : 1,
    title: `Page ${path}`,
    words: 420,
    bytes: 10_240,
    fetchMs: 12,
    contentType: 'text/html; charset=utf-8',
    indexable: true,
    truncated: false,
    structuredData: ['Organization'],
    failedChecks: [],
    ...extra,
  });
  return {
    startUrl: `${origin}/`,
    finalUrl: `${origin}/`,
    pages: [
      page('/'),
      page('/old', { finalUrl: `${origin}/new`, redirects: [`${origin}/old`], depth: 1 }),
      page('/faq', { failedChecks: ['meta.description'] }),
    ],
    pagesTotal: 3,
    checks: [
      {
        checkId: 'robots.ai-search-allowed',
        category: 'crawler-access',
        title: 'AI search crawlers may fetch the site',
        status: 'PASSED',
        severity: null,
        pointsLost: 0,
        score: 1,
        weight: 0.3,
        finding: null,
      },
      {
        checkId: 'meta.description',
        category: 'basics',
        title: 'Every page has a meta description',
        status: 'FAILED',
        severity: 'LOW',
        pointsLost: 1.5,
        score: 0.67,
        weight: 0.1,
        finding: {
          title: '1 page lacks a meta description',
          detail: '/faq has none',
          recommendation: 'Write one',
          urls: [`${origin}/faq`],
        },
      },
      {
        checkId: 'content.statistics',
        category: 'content',
        title: 'Pages cite statistics',
        status: 'NOT_APPLICABLE',
        severity: null,
        pointsLost: 0,
        score: null,
        weight: 0.2,
        finding: null,
      },
    ],
    botAccess: [
      {
        bot: 'GPTBot',
        operator: 'OpenAI',
        purpose: 'training',
        robots: 'blocked',
        pagesAllowed: 0,
        pagesBlocked: 3,
        probeStatus: 403,
        probeVerdict: 'blocked',
      },
      {
        bot: 'OAI-SearchBot',
        operator: 'OpenAI',
        purpose: 'search',
        robots: 'allowed',
        pagesAllowed: 3,
        pagesBlocked: 0,
        probeStatus: null,
        probeVerdict: null,
      },
    ],
    skipped: [{ url: `${origin}/admin`, reason: 'robots', detail: 'Disallow: /admin' }],
    skippedTotal: { robots: 1 },
    robots: {},
    sitemaps: {},
    llmsTxt: {},
    stats: { pagesFetched: 3, htmlPages: 3, durationMs: 120, limits: { maxPages: 50 } },
  };
}

/**
 * Stores one ended audit with the given results directly (what a worker would have stored), and
 * its findings; returns its global id.
 */
export async function seedResultAudit(
  server: TestServer,
  ownerGlobalId: string,
  fields: {
    kind?: 'SITE' | 'VISIBILITY';
    status?: string;
    url?: string;
    input?: Record<string, unknown>;
    details?: Record<string, unknown> | null;
    categories?: Record<string, unknown>[];
    score?: number | null;
    projectId?: string | null;
    findings?: Array<{ checkId: string; severity: string; title: string }>;
    createdAt?: Date;
  } = {},
): Promise<string> {
  const ownerId = Buffer.from(ownerGlobalId, 'base64url').toString().split(':')[1]!;
  const { randomUUID } = await import('node:crypto');
  const { Audit } = await import('../../src/modules/audits/audit.entity.js');
  const { Finding } = await import('../../src/modules/audits/finding.entity.js');
  const { Workspace } = await import('../../src/modules/workspaces/workspace.entity.js');
  const em = server.orm.em.fork();
  const workspace = (await em.findOneOrFail(Workspace, { personalOwner: ownerId })).id;
  const id = randomUUID();
  const url = fields.url ?? 'https://shop.example/';
  const status = fields.status ?? 'SUCCEEDED';
  const ended = ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(status);
  const createdAt = fields.createdAt ?? new Date();
  await em.insert(Audit, {
    id,
    owner: ownerId,
    workspace,
    projectId: fields.projectId ?? null,
    kind: (fields.kind ?? 'SITE') as never,
    url,
    input: (fields.input ?? { url }) as never,
    status: status as never,
    progress: ended ? 1 : 0,
    score: fields.score === undefined ? (status === 'SUCCEEDED' ? 72.5 : null) : fields.score,
    grade: status === 'SUCCEEDED' ? 'C' : null,
    categories: (fields.categories ?? []) as never,
    details: fields.details === undefined ? siteDetailsFixture() : fields.details,
    attempts: 1,
    createdAt,
    updatedAt: createdAt,
    finishedAt: ended ? createdAt : null,
  });
  if (fields.findings?.length) {
    await em.insertMany(
      Finding,
      fields.findings.map((finding, rank) => ({
        id: randomUUID(),
        audit: id,
        rank,
        category: 'basics',
        detail: 'detail',
        recommendation: 'fix it',
        urls: [url],
        pointsLost: 1,
        ...finding,
      })) as never,
    );
  }
  return Buffer.from(`Audit:${id}`).toString('base64url');
}
