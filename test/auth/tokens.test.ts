// Access tokens: verified once, then answered from memory until they expire, never after.
import { describe, expect, it } from '@jest/globals';
import { TokenService } from '../../src/modules/auth/tokens.js';

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
