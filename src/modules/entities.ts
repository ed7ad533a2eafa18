// Every persisted entity, listed explicitly (no folder scanning: works the same from
// TypeScript sources under test and from compiled output).
import { ApiKey } from './api-keys/api-key.entity.js';
import { AnswerCacheEntry } from './audits/answer-cache.entity.js';
import { Audit } from './audits/audit.entity.js';
import { Finding } from './audits/finding.entity.js';
import { RefreshToken, Session } from './auth/session.entity.js';
import { AuditQuotaUsage, UserPlan } from './plans/plan.entity.js';
import { SecurityEvent } from './security/security-event.entity.js';
import { User } from './users/user.entity.js';

export const entities = [
  User,
  Session,
  RefreshToken,
  Audit,
  Finding,
  ApiKey,
  SecurityEvent,
  UserPlan,
  AuditQuotaUsage,
  AnswerCacheEntry,
];
