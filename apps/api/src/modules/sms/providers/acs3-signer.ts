import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Alibaba Cloud's V3 request signature (`ACS3-HMAC-SHA256`): a canonical request (method, path, sorted
 * RFC 3986-encoded query, the lower-cased signed headers `host` and `x-acs-*` with their values, the hex SHA-256 of
 * the body) is hashed, prefixed with the algorithm and signed with HMAC-SHA256 by the AccessKey secret.
 */
export const percentEncode = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join('&');
}

export interface Acs3Input {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Every header to sign (host and x-acs-*), names in any case. */
  headers: Record<string, string>;
  body: string;
}

export function acs3Signature(
  input: Acs3Input,
  secret: string,
): { signature: string; signedHeaders: string } {
  const headers = Object.fromEntries(
    Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v.trim()]),
  );
  const names = Object.keys(headers).sort();
  const canonical = [
    input.method.toUpperCase(),
    input.path || '/',
    canonicalQuery(input.query),
    names.map((n) => `${n}:${headers[n]}`).join('\n') + '\n',
    names.join(';'),
    sha256Hex(input.body),
  ].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonical)}`;
  return {
    signature: createHmac('sha256', secret).update(stringToSign).digest('hex'),
    signedHeaders: names.join(';'),
  };
}

/** The headers of a signed RPC call (`x-acs-action`, `x-acs-version`…) with its Authorization. */
export function signAcs3Request(opts: {
  host: string;
  action: string;
  version: string;
  query: Record<string, string>;
  accessKeyId: string;
  accessKeySecret: string;
  now?: Date;
  nonce?: string;
  /** A form body (`application/x-www-form-urlencoded`) carrying parameters too long for the query string. */
  body?: string;
}): Record<string, string> {
  const headers: Record<string, string> = {
    host: opts.host,
    'x-acs-action': opts.action,
    'x-acs-version': opts.version,
    'x-acs-date': (opts.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': opts.nonce ?? randomBytes(16).toString('hex'),
    'x-acs-content-sha256': sha256Hex(opts.body ?? ''),
  };
  const { signature, signedHeaders } = acs3Signature(
    { method: 'POST', path: '/', query: opts.query, headers, body: opts.body ?? '' },
    opts.accessKeySecret,
  );
  return {
    ...headers,
    authorization: `ACS3-HMAC-SHA256 Credential=${opts.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`,
  };
}

/** Parses `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…` (null when malformed). */
export function parseAcs3Authorization(
  value: string | undefined,
): { credential: string; signedHeaders: string[]; signature: string } | null {
  const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(
    value ?? '',
  );
  return m ? { credential: m[1], signedHeaders: m[2].split(';'), signature: m[3] } : null;
}
