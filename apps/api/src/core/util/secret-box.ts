import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (provider credentials): AES-256-GCM with a random 12-byte IV, stored as
 * `v1.<iv>.<tag>.<ciphertext>` (base64url). A wrong key or a changed byte fails to open (GCM's tag).
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('SecretBox needs a 32-byte key');
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  open(sealed: string): string {
    const [v, iv, tag, data] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || data === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/**
 * The 32-byte key from CREDENTIALS_KEY: 64 hex digits or 44 base64 characters are the key itself, any other
 * string of 32+ characters is hashed (SHA-256). Unset: derived from JWT_SECRET (HKDF) when that is set, else a
 * fixed development key — fine on a laptop, and the boot log warns in production.
 */
export function credentialsKey(raw: string | undefined, jwtSecret: string | undefined): { key: Buffer; source: 'env' | 'jwt' | 'development' } {
  if (raw) {
    if (/^[0-9a-f]{64}$/i.test(raw)) return { key: Buffer.from(raw, 'hex'), source: 'env' };
    const b64 = Buffer.from(raw, 'base64');
    if (/^[A-Za-z0-9+/_-]{43}=?$/.test(raw) && b64.length === 32) return { key: b64, source: 'env' };
    return { key: createHash('sha256').update(raw).digest(), source: 'env' };
  }
  if (jwtSecret) return { key: Buffer.from(hkdfSync('sha256', jwtSecret, 'keyuan', 'credentials-key', 32)), source: 'jwt' };
  return { key: createHash('sha256').update('keyuan-development-credentials-key').digest(), source: 'development' };
}
