// The application's services, built once per process by the composition root. Stateless:
// every call takes the request context explicitly.
import type { AppLogger } from '../common/logger.js';
import type { Config } from '../config.js';
import type { PubSub } from '../infra/pubsub.js';
import type { RateLimitStore } from '../infra/rate-limit/index.js';
import { ApiKeyService } from './api-keys/api-key.service.js';
import type { AuditLifecycle } from './audits/audit-lifecycle.js';
import { AuditResults } from './audits/audit-results.js';
import { VisibilityCosts } from './audits/visibility-cost.js';
import { AuditService } from './audits/audit.service.js';
import { AccountMails } from './auth/account-mails.js';
import { AccountRecoveryService } from './auth/account-recovery.service.js';
import { AuthService } from './auth/auth.service.js';
import { CredentialEvents } from './auth/credential-events.js';
import { SessionCache } from './auth/session-cache.js';
import { TokenService } from './auth/tokens.js';
import type { MailQueue } from './mail/mail-queue.js';
import { createSmtpTransport } from './mail/mail-transport.js';
import { MailService } from './mail/mail.service.js';
import { QuotaService } from './plans/quota.service.js';
import type { Registry } from 'prom-client';
import { ProjectMetrics } from './projects/project-metrics.js';
import { ProjectOutcomes } from './projects/project-outcomes.js';
import { ProjectService } from './projects/project.service.js';
import { ReportLinkService } from './reports/report-link.service.js';
import { AccountDataService } from './users/account-data.service.js';
import { UserService } from './users/user.service.js';
import { WebhookMetrics } from './webhooks/webhook-metrics.js';
import { WebhookService } from './webhooks/webhook.service.js';
import type { WebhookQueue } from './webhooks/webhook-queue.js';
import { WorkspaceAccess } from './workspaces/workspace-access.js';
import { InvitationService } from './workspaces/invitation.service.js';
import { revokeInvitationsSentBy } from './workspaces/invitation.store.js';
import { WorkspaceService } from './workspaces/workspace.service.js';

export interface Services {
  config: Config;
  auth: AuthService;
  recovery: AccountRecoveryService;
  accountData: AccountDataService;
  workspaces: WorkspaceService;
  access: WorkspaceAccess;
  invitations: InvitationService;
  mail: MailService;
  users: UserService;
  audits: AuditService;
  results: AuditResults;
  visibilityCosts: VisibilityCosts;
  rateLimits: RateLimitStore;
  apiKeys: ApiKeyService;
  quotas: QuotaService;
  projects: ProjectService;
  webhooks: WebhookService;
  outcomes: ProjectOutcomes;
  reportLinks: ReportLinkService;
}

export interface ServiceDependencies {
  config: Config;
  lifecycle: AuditLifecycle;
  mailQueue: MailQueue;
  webhookQueue: WebhookQueue;
  pubsub: PubSub;
  rateLimits: RateLimitStore;
  log: AppLogger;
  /** Where the services' own figures go (runs, alerts, webhook deliveries). */
  metrics?: Registry;
}

export function createServices({
  config,
  lifecycle,
  mailQueue,
  webhookQueue,
  pubsub,
  rateLimits,
  log,
  metrics,
}: ServiceDependencies): Services {
  const tokens = new TokenService(config.jwtSecret, config.accessTokenTtlSeconds, config.jwtPreviousSecrets);
  const credentialEvents = new CredentialEvents(pubsub, log);
  const access = new WorkspaceAccess();
  const apiKeys = new ApiKeyService(credentialEvents, access);
  const quotas = new QuotaService(config, rateLimits);
  const smtp = config.mail.smtpUrl ? createSmtpTransport(config.mail.smtpUrl) : undefined;
  const mail = new MailService(config.mail.from, mailQueue, smtp, !config.isProduction);
  const accountMails = new AccountMails(config, mail, rateLimits);
  const workspaces = new WorkspaceService(credentialEvents, {
    // A member who leaves a workspace takes no credential of it along.
    memberLeft: [
      (em, workspaceId, userId) => apiKeys.revokeCreatedBy(em, workspaceId, userId),
      (em, workspaceId, userId) => revokeInvitationsSentBy(em, workspaceId, userId),
    ],
    // No job runs on for an audit whose workspace is gone.
    deleting: [(em, workspaceId) => lifecycle.deleteActiveIn(em, [workspaceId])],
  });
  const sessions = new SessionCache(
    config.sessionCache.seconds * 1000,
    config.sessionCache.maxEntries,
    credentialEvents,
    log,
  );
  const auth = new AuthService(
    config,
    tokens,
    apiKeys,
    credentialEvents,
    rateLimits,
    accountMails,
    workspaces,
    sessions,
  );
  const audits = new AuditService(config, lifecycle, pubsub, quotas, auth, access);
  // A project's audit ending records its outcome and checks the project's alerts.
  const projectMetrics = metrics && new ProjectMetrics(metrics);
  const webhooks = new WebhookService(
    config,
    access,
    webhookQueue,
    log,
    metrics && new WebhookMetrics(metrics),
  );
  const outcomes = new ProjectOutcomes(
    pubsub,
    log,
    [(em, project, audit, message) => webhooks.alertFired(em, project, audit, message)],
    projectMetrics,
  );
  lifecycle.onEnded((em, auditId, status) => outcomes.auditEnded(em, auditId, status));
  // Every audit's end goes to the workspace's webhooks.
  lifecycle.onEnded((em, auditId, status) => webhooks.auditEnded(em, auditId, status));
  return {
    config,
    auth,
    recovery: new AccountRecoveryService(accountMails, auth, mailQueue),
    accountData: new AccountDataService(lifecycle, credentialEvents, quotas, access),
    workspaces,
    access,
    invitations: new InvitationService(config, workspaces, mail, credentialEvents, access),
    mail,
    users: new UserService(auth, accountMails),
    audits,
    results: new AuditResults(),
    visibilityCosts: new VisibilityCosts(config),
    reportLinks: new ReportLinkService(config, audits, access),
    webhooks,
    outcomes,
    projects: new ProjectService(config, audits, quotas, access, log, pubsub, auth, projectMetrics),
    rateLimits,
    apiKeys,
    quotas,
  };
}
