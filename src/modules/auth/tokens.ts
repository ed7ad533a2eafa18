// Access tokens: short-lived HS256 JWTs (jose). Refresh tokens: opaque random strings whose
// SHA-256 alone is stored, so a database leak yields no usable token.
// Keys rotate: tokens are signed with the current secret and carry its key id (`kid`); tokens
// signed with a previous secret (JWT_PREVIOUS_SECRETS) keep verifying until they expire.
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { isUuid } from '../../common/ids.js';

const ISSUER = 'aeo-audit-api';
const AUDIENCE = 'aeo-audit-api';

export interface AccessTokenClaims {
  userId: string;
  sessionId: string;
}

/** Verified access tokens remembered at most (the oldest are forgotten first). */
const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * A secret's key id: a short digest, so a token names the key it was signed with without
 * revealing anything about it (the secrets are at least 32 random characters in production).
 */
export function keyIdOf(secret: string): string {
  return createHash('sha256').update(`aeo-jwt-kid:${secret}`).digest('base64url').slice(0, 16);
}

interface SigningKey {
  id: string;
  key: Uint8Array;
}

export class TokenService {
  /** The current key first, then the previous ones still accepted. */
  private readonly keys: SigningKey[];
  /**
   * Tokens already verified, with their claims and expiry (epoch ms): a token's signature and
   * claims cannot change, so verifying it again before it expires would only repeat the answer.
   * Revocation is the session's business (checked on every request), not the token's.
   */
  private readonly verified = new Map<string, { claims: AccessTokenClaims; expiresAt: number }>();

  constructor(
    secret: string,
    private readonly accessTokenTtlSeconds: number,
    previousSecrets: readonly string[] = [],
  ) {
    this.keys = [secret, ...previousSecrets.filter((previous) => previous !== secret)].map((value) => ({
      id: keyIdOf(value),
      key: new TextEncoder().encode(value),
    }));
  }

  /** The key id new tokens carry. */
  get currentKeyId(): string {
    return this.keys[0]!.id;
  }

  async signAccessToken(
    claims: AccessTokenClaims,
    now = new Date(),
  ): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = new Date((issuedAt + this.accessTokenTtlSeconds) * 1000);
    const token = await new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: this.currentKeyId })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.keys[0]!.key);
    return { token, expiresAt };
  }

  /** Returns the claims of a valid token, or null (bad signature, expired, wrong alg, malformed). */
  async verifyAccessToken(token: string): Promise<AccessTokenClaims | null> {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAt > Date.now()) return known.claims;
      this.verified.delete(token);
      return null;
    }
    const claims = await this.verify(token);
    if (claims) {
      if (this.verified.size >= VERIFIED_TOKENS_KEPT)
        this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, claims);
      return claims.claims;
    }
    return null;
  }

  /**
   * The key a token names by its `kid`; a token without one (signed before key ids existed) is
   * tried with every key; an unknown `kid` verifies with none.
   */
  private candidateKeys(token: string): SigningKey[] {
    let kid: unknown;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      return [];
    }
    if (kid === undefined) return this.keys;
    return this.keys.filter((key) => key.id === kid);
  }

  private async verify(token: string): Promise<{ claims: AccessTokenClaims; expiresAt: number } | null> {
    for (const { key } of this.candidateKeys(token)) {
      const verified = await this.verifyWith(token, key);
      if (verified) return verified;
    }
    return null;
  }

  private async verifyWith(
    token: string,
    key: Uint8Array,
  ): Promise<{ claims: AccessTokenClaims; expiresAt: number } | null> {
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['sub', 'sid', 'exp'],
      });
      // Ids are uuids: anything else in a well-signed token is not ours to look up (a database
      // error on a malformed id would otherwise answer 500).
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
      if (!isUuid(payload.sub) || !isUuid(payload.sid)) return null;
      return { claims: { userId: payload.sub, sessionId: payload.sid }, expiresAt: payload.exp! * 1000 };
    } catch (error) {
      if (error instanceof joseErrors.JOSEError || error instanceof TypeError) return null;
      throw error;
    }
  }
}

export function looksLikeJwt(token: string): boolean {
  return token.split('.').length === 3;
}

export function newOpaqueToken(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
