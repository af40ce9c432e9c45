import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

/**
 * Signed tokens for links that work without login (unsubscribe, click redirects, open pixels): the parts as
 * base64url JSON, a dot, and a truncated HMAC-SHA256 of them. A changed byte fails `verify` (no open redirect:
 * a click link only ever leads to the URL it was signed with).
 */
export class LinkSigner {
  private readonly key: Buffer;

  constructor(secret: Buffer, purpose = 'links') {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'keyuan', `messaging-${purpose}`, 32));
  }

  sign(parts: string[]): string {
    const body = Buffer.from(JSON.stringify(parts)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The signed parts, or null when the token was changed or is not one. */
  verify(token: string): string[] | null {
    const [body, mac, extra] = token.split('.');
    if (!body || !mac || extra !== undefined) return null;
    const want = Buffer.from(this.mac(body));
    const got = Buffer.from(mac);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
    try {
      const parts = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
      return Array.isArray(parts) && parts.every((p) => typeof p === 'string') ? (parts as string[]) : null;
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url').slice(0, 27);
  }
}
