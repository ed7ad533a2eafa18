// The shape of a partner key: `aeo_live_` + an 8-character public id + `_` + 32 random bytes
// (base64url). The prefix makes leaked keys easy to spot (secret scanners, logs); the public
// id finds the row without revealing anything; the SHA-256 of the whole key is what is stored.
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { sha256 } from '../auth/tokens.js';

export const API_KEY_PREFIX = 'aeo_live_';
const PUBLIC_ID_LENGTH = 8;
const PUBLIC_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const API_KEY_PATTERN = /^aeo_live_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  secret: string;
  publicId: string;
  secretHash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const publicId = Array.from(
    { length: PUBLIC_ID_LENGTH },
    () => PUBLIC_ID_ALPHABET[randomInt(PUBLIC_ID_ALPHABET.length)],
  ).join('');
  const secret = `${API_KEY_PREFIX}${publicId}_${randomBytes(32).toString('base64url')}`;
  return { secret, publicId, secretHash: sha256(secret) };
}

export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith(API_KEY_PREFIX);
}

/** The public id of a well-formed key, or null. */
export function publicIdOf(secret: string): string | null {
  return API_KEY_PATTERN.exec(secret)?.[1] ?? null;
}

export function displayPrefix(publicId: string): string {
  return `${API_KEY_PREFIX}${publicId}`;
}

/** Constant-time comparison of a presented key with a stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(sha256(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
