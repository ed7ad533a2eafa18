// Access tokens: verified once, then answered from memory until they expire, never after;
// signed with the current key, verified with the key their kid names (rotation).
import { describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { keyIdOf, TokenService } from '../../src/modules/auth/tokens.js';
import { SecretBox } from '../../src/modules/webhooks/webhook-signature.js';

const SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';
const claims = {
  userId: '3f1c2f0e-8d3b-4a55-9b7e-2b6f0c1d9a10',
  sessionId: '7a2d9e44-1c3b-4f8e-a6d5-0e9b8c7f6a51',
};

describe('TokenService', () => {
  it('answers a token verified before with the same claims', async () => {
    const tokens = new TokenService(SECRET, 60);
    const { token } = await tokens.signAccessToken(claims);
    expect(await tokens.verifyAccessToken(token)).toEqual(claims);
    expect(await tokens.verifyAccessToken(token)).toEqual(claims);
  });

  it('refuses a remembered token once it expired', async () => {
    const tokens = new TokenService(SECRET, 1);
    const { token, expiresAt } = await tokens.signAccessToken(claims);
    expect(await tokens.verifyAccessToken(token)).toEqual(claims);
    await new Promise((resolve) => setTimeout(resolve, expiresAt.getTime() - Date.now() + 50));
    expect(await tokens.verifyAccessToken(token)).toBeNull();
    expect(await tokens.verifyAccessToken(token)).toBeNull();
  });

  it('never remembers a token that did not verify', async () => {
    const signer = new TokenService('another-secret-that-is-long-enough-for-hs256-xyz', 60);
    const { token } = await signer.signAccessToken(claims);
    const tokens = new TokenService(SECRET, 60);
    expect(await tokens.verifyAccessToken(token)).toBeNull();
    expect(await tokens.verifyAccessToken(`${token.slice(0, -2)}xx`)).toBeNull();
  });
});

describe('TokenService key rotation', () => {
  const PREVIOUS = 'previous-secret-that-is-long-enough-for-hs256-xyz';

  it('verifies tokens of a previous key, and only while it is configured', async () => {
    const { token } = await new TokenService(PREVIOUS, 60).signAccessToken(claims);
    expect(await new TokenService(SECRET, 60, [PREVIOUS]).verifyAccessToken(token)).toEqual(claims);
    expect(await new TokenService(SECRET, 60).verifyAccessToken(token)).toBeNull();
  });

  it('verifies a token only with the key its kid names', async () => {
    const { token } = await new TokenService(PREVIOUS, 60).signAccessToken(claims);
    const [header, payload, signature] = token.split('.');
    const decoded = JSON.parse(Buffer.from(header!, 'base64url').toString());
    const renamed = Buffer.from(JSON.stringify({ ...decoded, kid: keyIdOf(SECRET) })).toString('base64url');
    // Claiming the current key's id with another key's signature verifies with nothing.
    expect(
      await new TokenService(SECRET, 60, [PREVIOUS]).verifyAccessToken(`${renamed}.${payload}.${signature}`),
    ).toBeNull();
    const unknown = Buffer.from(JSON.stringify({ ...decoded, kid: 'nobody' })).toString('base64url');
    expect(
      await new TokenService(SECRET, 60, [PREVIOUS]).verifyAccessToken(`${unknown}.${payload}.${signature}`),
    ).toBeNull();
  });

  it('still verifies tokens issued before key ids, with any configured key', async () => {
    const legacy = await new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer('aeo-audit-api')
      .setAudience('aeo-audit-api')
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode(PREVIOUS));
    expect(await new TokenService(SECRET, 60, [PREVIOUS]).verifyAccessToken(legacy)).toEqual(claims);
    expect(await new TokenService(SECRET, 60).verifyAccessToken(legacy)).toBeNull();
  });
});

describe('SecretBox key rotation', () => {
  it('opens what a previous key sealed, and reseals it under the current key', () => {
    const old = new SecretBox(['old-installation-secret-0123456789-0123456789']);
    const sealed = old.seal('whsec_abc');
    const rotated = new SecretBox([SECRET, 'old-installation-secret-0123456789-0123456789']);
    expect(rotated.open(sealed)).toBe('whsec_abc');
    const resealed = rotated.reseal(sealed)!;
    expect(resealed).not.toBeNull();
    expect(rotated.reseal(resealed)).toBeNull();
    expect(new SecretBox([SECRET]).open(resealed)).toBe('whsec_abc');
    expect(() => new SecretBox([SECRET]).open(sealed)).toThrow(/none of the configured keys/);
  });
});
