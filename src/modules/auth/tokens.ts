// Access tokens: short-lived HS256 JWTs (jose). Refresh tokens: opaque random strings whose
// SHA-256 alone is stored, so a database leak yields no usable token.
import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify } from 'jose';
import { isUuid } from '../../common/ids.js';

const ISSUER = 'aeo-audit-api';
const AUDIENCE = 'aeo-audit-api';

export interface AccessTokenClaims {
  userId: string;
  sessionId: string;
}

/** Verified access tokens remembered at most (the oldest are forgotten first). */
const VERIFIED_TOKENS_KEPT = 10_000;

export class TokenService {
  private readonly key: Uint8Array;
  /**
   * Tokens already verified, with their claims and expiry (epoch ms): a token's signature and
   * claims cannot change, so verifying it again before it expires would only repeat the answer.
   * Revocation is the session's business (checked on every request), not the token's.
   */
  private readonly verified = new Map<string, { claims: AccessTokenClaims; expiresAt: number }>();

  constructor(
    secret: string,
    private readonly accessTokenTtlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async signAccessToken(
    claims: AccessTokenClaims,
    now = new Date(),
  ): Promise<{ token: string; expiresAt: Date }> {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAt = new Date((issuedAt + this.accessTokenTtlSeconds) * 1000);
    const token = await new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
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

  private async verify(token: string): Promise<{ claims: AccessTokenClaims; expiresAt: number } | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
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
