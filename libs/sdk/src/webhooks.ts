/** Why a delivery was refused by {@link verifyWebhook}. */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

export interface WebhookEvent<D = Record<string, unknown>> {
  type: string;
  timestamp: string;
  data: D;
}

const fromBase64 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const toBase64 = (b: ArrayBuffer): string => btoa(String.fromCharCode(...new Uint8Array(b)));

function header(headers: Headers | Record<string, string | string[] | undefined>, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const v = (headers as Record<string, string | string[] | undefined>)[name] ?? (headers as Record<string, string | undefined>)[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function equal(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Verifies a Keyuan webhook (Standard Webhooks): the `webhook-signature` must hold a `v1,` HMAC-SHA256 of
 * `id.timestamp.body` under the subscription's `whsec_` secret (any one of several, during a rotation) and the
 * timestamp must be within `toleranceSec` (replays). Pass the raw body exactly as received. Uses WebCrypto, so
 * it runs in Node 20+, Deno, Bun and workers. Answers the parsed event; throws WebhookVerificationError.
 */
export async function verifyWebhook<D = Record<string, unknown>>(
  secret: string,
  headers: Headers | Record<string, string | string[] | undefined>,
  body: string,
  opts: { toleranceSec?: number; now?: number } = {},
): Promise<WebhookEvent<D>> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('missing webhook-id, webhook-timestamp or webhook-signature');
  const now = Math.floor((opts.now ?? Date.now()) / 1000);
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(now - ts) > (opts.toleranceSec ?? 300)) throw new WebhookVerificationError('timestamp outside the tolerance');
  const key = await crypto.subtle.importKey('raw', fromBase64(secret.replace(/^whsec_/, '')), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const expected = toBase64(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${body}`)));
  const ok = signatures.split(' ').some((s) => {
    const [version, sig] = s.split(',', 2);
    return version === 'v1' && sig !== undefined && equal(sig, expected);
  });
  if (!ok) throw new WebhookVerificationError('no matching signature');
  return JSON.parse(body) as WebhookEvent<D>;
}
