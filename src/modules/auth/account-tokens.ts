// The single-use tokens emailed for password reset, email verification and email change: every
// statement on `account_tokens` in one place. The token itself is returned once, to be put in the link.
import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AccountToken, AccountTokenPurpose } from './account-token.entity.js';
import { newOpaqueToken, sha256 } from './tokens.js';

const PREFIX = { PASSWORD_RESET: 'pr_', EMAIL_VERIFICATION: 'ev_', EMAIL_CHANGE: 'ec_' } as const;

export interface ConsumedToken {
  userId: string;
  newEmail: string | null;
}

/** A new token for the user; the user's earlier unused tokens of that purpose stop working. */
export async function issueAccountToken(
  em: EntityManager,
  userId: string,
  purpose: AccountTokenPurpose,
  ttlSeconds: number,
  newEmail: string | null = null,
): Promise<string> {
  const now = new Date();
  await em.nativeUpdate(AccountToken, { user: userId, purpose, usedAt: null }, { usedAt: now });
  const token = newOpaqueToken(PREFIX[purpose]);
  await em.insert(AccountToken, {
    id: randomUUID(),
    user: userId,
    purpose,
    tokenHash: sha256(token),
    newEmail,
    expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
    createdAt: now,
  });
  return token;
}

/**
 * Uses the token once: its user (and new address), or null when it is unknown, used, expired or
 * for another purpose. Two concurrent uses: exactly one wins (the update is conditional).
 */
export async function consumeAccountToken(
  em: EntityManager,
  token: string,
  purpose: AccountTokenPurpose,
): Promise<ConsumedToken | null> {
  if (token.length > 200) return null;
  const now = new Date();
  const row = await em.findOne(AccountToken, { tokenHash: sha256(token), purpose });
  if (!row || row.usedAt !== null || row.expiresAt <= now) return null;
  const used = await em.nativeUpdate(AccountToken, { id: row.id, usedAt: null }, { usedAt: now });
  return used === 1 ? { userId: row.user.id, newEmail: row.newEmail } : null;
}

/**
 * Ends every unused token of the user, of every purpose: after a password reset or change, or an
 * email change, no link mailed before it may still act on the account.
 */
export async function revokeAccountTokens(em: EntityManager, userId: string): Promise<void> {
  await em.nativeUpdate(AccountToken, { user: userId, usedAt: null }, { usedAt: new Date() });
}

/** The address of the user's live email change, if one waits for confirmation. */
export async function pendingEmailChange(em: EntityManager, userId: string): Promise<string | null> {
  const row = await em.findOne(
    AccountToken,
    {
      user: userId,
      purpose: AccountTokenPurpose.EMAIL_CHANGE,
      usedAt: null,
      expiresAt: { $gt: new Date() },
    },
    { orderBy: { createdAt: 'desc' } },
  );
  return row?.newEmail ?? null;
}
