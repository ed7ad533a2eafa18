// Every persisted entity, listed explicitly (no folder scanning: works the same from
// TypeScript sources under test and from compiled output).
import { Audit } from './audits/audit.entity.js';
import { Finding } from './audits/finding.entity.js';
import { RefreshToken, Session } from './auth/session.entity.js';
import { User } from './users/user.entity.js';

export const entities = [User, Session, RefreshToken, Audit, Finding];
