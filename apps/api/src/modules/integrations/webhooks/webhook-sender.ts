import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { addressAllowed, guardedLookup, SsrfError } from './ssrf';

export const WEBHOOK_TIMEOUT_MS = 15_000;
const KEEP_BYTES = 1024;

export interface SendResult {
  status: number | null;
  durationMs: number;
  body: string | null;
  retryAfterSec: number | null;
  error: string | null;
  /** The target was refused before any byte was sent (SSRF guard, scheme). */
  refused: boolean;
}

/** `Retry-After` as seconds (delta-seconds or an HTTP date), null when absent or unreadable. */
export function parseRetryAfter(v: string | undefined, now = Date.now()): number | null {
  if (!v) return null;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : Math.max(0, Math.ceil((t - now) / 1000));
}

/**
 * POSTs one delivery: no redirects followed, 15 s for the whole exchange, the first 1 KB of the answer kept.
 * The socket connects only to an address the SSRF guard allowed (checked on the resolved address itself).
 */
export function sendWebhook(url: string, headers: Record<string, string>, body: string, opts: { allowLoopback: boolean; requireHttps: boolean }): Promise<SendResult> {
  const started = Date.now();
  const done = (r: Partial<SendResult>): SendResult => ({ status: null, body: null, retryAfterSec: null, error: null, refused: false, durationMs: Date.now() - started, ...r });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(done({ error: 'invalid URL', refused: true }));
  }
  if (target.protocol !== 'https:' && (opts.requireHttps || target.protocol !== 'http:')) {
    return Promise.resolve(done({ error: 'https is required', refused: true }));
  }
  // an address literal never goes through `lookup`: check it here
  const literal = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) && !addressAllowed(literal, opts.allowLoopback)) {
    return Promise.resolve(done({ error: `${literal} is a forbidden address`, refused: true }));
  }
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendResult>((resolve) => {
    const req = send(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Keyuan-Webhooks/1.0', 'content-length': String(Buffer.byteLength(body)), ...headers },
        lookup: guardedLookup(opts.allowLoopback) as never,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on('data', (c: Buffer) => {
          if (kept < KEEP_BYTES) {
            chunks.push(c);
            kept += c.length;
          }
        });
        res.on('end', () => {
          clearTimeout(timer);
          resolve(
            done({
              status: res.statusCode ?? null,
              body: Buffer.concat(chunks).subarray(0, KEEP_BYTES).toString('utf8').replace(/\uFFFD+$/, ''),
              retryAfterSec: parseRetryAfter(res.headers['retry-after'] as string | undefined),
            }),
          );
        });
        res.on('error', (e) => resolve(done({ status: res.statusCode ?? null, error: e.message })));
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`timed out after ${WEBHOOK_TIMEOUT_MS / 1000} s`)), WEBHOOK_TIMEOUT_MS);
    req.on('error', (e) => {
      clearTimeout(timer);
      resolve(done({ error: e.message.slice(0, 500), refused: e instanceof SsrfError }));
    });
    req.end(body);
  });
}
