// Webhook secrets and signatures. A secret (`whsec_…`) is shown once and stored encrypted
// (AES-256-GCM, key derived from the installation secret): the server needs it to sign. Each
// delivery carries `aeo-signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`,
// with a second `v1=` while a rotated-out secret is still in its grace period.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export const generateSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/**
 * Seals with a key derived from the current installation secret; opens with it or with one
 * derived from a previous secret (JWT_PREVIOUS_SECRETS), so a secret rotation loses no webhook.
 * `reseal` moves a box sealed under a previous key to the current one.
 */
export class SecretBox {
  private readonly keys: Buffer[];

  constructor(installationSecrets: readonly [string, ...string[]]) {
    this.keys = installationSecrets.map((secret) =>
      Buffer.from(hkdfSync('sha256', secret, 'aeo-webhooks', 'secret-box', 32)),
    );
  }

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys[0]!, iv);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [
      'v1',
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      sealed.toString('base64url'),
    ].join('.');
  }

  open(box: string): string {
    return this.unseal(box).secret;
  }

  /** The box sealed under the current key, or null when it already is. */
  reseal(box: string): string | null {
    const { secret, keyIndex } = this.unseal(box);
    return keyIndex === 0 ? null : this.seal(secret);
  }

  private unseal(box: string): { secret: string; keyIndex: number } {
    const [version, iv, tag, sealed] = box.split('.');
    if (version !== 'v1' || !iv || !tag || !sealed) throw new Error('unknown webhook secret format');
    for (const [keyIndex, key] of this.keys.entries()) {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      try {
        const secret = Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]);
        return { secret: secret.toString('utf8'), keyIndex };
      } catch {
        // Sealed under another key (GCM's tag does not match): try the next one.
      }
    }
    throw new Error(
      'webhook secret sealed under none of the configured keys (JWT_SECRET, JWT_PREVIOUS_SECRETS)',
    );
  }
}

export const signatureOf = (secret: string, timestamp: number, body: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/** The `aeo-signature` header value: one `v1=` per secret that signs now. */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${signatureOf(secret, timestamp, body)}`)].join(
    ',',
  );
}
