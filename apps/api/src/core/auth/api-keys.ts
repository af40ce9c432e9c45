import { createHash, randomBytes } from 'node:crypto';
import { ForbiddenException, HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { mergeGrants, PermissionGrant, SPECIAL_PERMISSIONS, SpecialPermission } from '@keyuan/shared';
import { DataSource } from 'typeorm';
import { SCOPE_DEPARTMENTS } from '../access/data-scope';
import { hitWindow } from '../ratelimit/rate-limit';
import type { AuthUser } from './auth-user';

/** Every key starts with it, so secret scanners (and people) recognise a leaked one. */
export const API_KEY_PREFIX = 'ky_live_';
const KEY_RE = /^ky_live_[A-Za-z0-9_-]{20,100}$/;
/** The per-key rate-limit window (the limit is per key, per this many seconds). */
export const API_KEY_WINDOW_SEC = 60;

/**
 * A new key: 32 random bytes (256 bits), so a plain SHA-256 of it is the right stored form (no slow hash
 * needed for a secret nobody can guess); `prefix` is what lists show to tell keys apart.
 */
export function newApiKey(): { secret: string; hash: string; prefix: string } {
  const secret = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  return { secret, hash: hashApiKey(secret), prefix: secret.slice(0, API_KEY_PREFIX.length + 6) };
}

export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** The key a request carries: `X-API-Key`, or `Authorization: Bearer ky_live_…`; null when it carries none. */
export function apiKeyOf(req: Request): string | null {
  const header = req.headers['x-api-key'];
  if (typeof header === 'string' && header) return header.trim();
  const auth = req.headers.authorization;
  const m = auth ? /^Bearer\s+(ky_live_\S+)$/i.exec(auth) : null;
  return m ? m[1] : null;
}

/** `::ffff:10.0.0.1` (IPv4 seen by an IPv6 socket) compares as `10.0.0.1` against IPv4 allow-list entries. */
export function clientIp(req: Request): string {
  const ip = req.ip ?? req.socket.remoteAddress ?? '';
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice(7) : ip;
}

interface KeyRow {
  key_id: string;
  rate_limit_per_minute: number;
  ip_ok: boolean;
  id: string;
  email: string;
  name: string;
  department_id: string | null;
  path: string | null;
  scope_departments: string[];
  role_key: string;
  permissions: PermissionGrant[];
  special: string[];
}

const KEY_USER_COLUMNS = `u.id, u.email, u.name, u.department_id, d.path, ${SCOPE_DEPARTMENTS}, r.key AS role_key, r.permissions, r.special_permissions AS special`;
/** A usable key with its service user and role (callers add `AND <which key>`). */
const LIVE_KEY_FROM = `FROM api_keys k
         JOIN users u ON u.id = k.user_id AND u.active AND u.deleted_at IS NULL
         JOIN roles r ON r.id = k.role_id AND r.deleted_at IS NULL
         LEFT JOIN departments d ON d.id = u.department_id AND d.deleted_at IS NULL
        WHERE k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())`;

/** A key acts as its service user with exactly its role's grants. */
function keyUser(row: Omit<KeyRow, 'rate_limit_per_minute' | 'ip_ok'>): AuthUser {
  const special = (row.special ?? []).filter((s): s is SpecialPermission => (SPECIAL_PERMISSIONS as readonly string[]).includes(s));
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    departmentId: row.department_id,
    departmentPath: row.path,
    scopeDepartmentIds: row.scope_departments,
    roleKeys: [row.role_key],
    grants: mergeGrants([row.permissions ?? []]),
    special,
    apiKeyId: row.key_id,
  };
}

/**
 * Authenticates API keys: one query per request (no cache, so a revoked or expired key, a deactivated service
 * user or a deleted role fail on the very next request on every instance). The key acts as its service user
 * (audit entries and owners name that user) with exactly its role's grants, so the role's data scope applies.
 * Every key request counts in the key's rate-limit window (PostgreSQL, shared by instances) and answers the
 * IETF `RateLimit-Policy` / `RateLimit` headers; beyond the limit 429 with `Retry-After`.
 */
@Injectable()
export class ApiKeyAuthenticator {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async authenticate(req: Request, res: Response, secret: string): Promise<AuthUser> {
    if (!KEY_RE.test(secret)) throw new UnauthorizedException('The API key is not valid');
    const ip = clientIp(req);
    const rows: KeyRow[] = await this.ds.query(
      `SELECT k.id AS key_id, k.rate_limit_per_minute,
              (cardinality(k.ip_allow_list) = 0 OR (CASE WHEN $2 ~ '^[0-9a-fA-F:.]+$' THEN $2::inet <<= ANY (k.ip_allow_list) ELSE false END)) AS ip_ok,
              ${KEY_USER_COLUMNS} ${LIVE_KEY_FROM} AND k.secret_hash = $1`,
      [hashApiKey(secret), ip],
    );
    const row = rows[0];
    if (!row) throw new UnauthorizedException('The API key is not valid, has expired or was revoked');
    if (!row.ip_ok) throw new ForbiddenException({ code: 'API_KEY_IP_NOT_ALLOWED', message: `The API key may not be used from ${ip}` });
    await this.limit(res, row.key_id, row.rate_limit_per_minute);
    // last use: at most one write per key and half minute, not one per request
    await this.ds.query(
      `UPDATE api_keys SET last_used_at = now(), last_used_ip = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '30 seconds' OR last_used_ip IS DISTINCT FROM $2)`,
      [row.key_id, ip.slice(0, 64)],
    );
    return keyUser(row);
  }

  /**
   * What a key may do now, without a request (a webhook subscription a key made reads with it): null when the key
   * was revoked or expired, or its service user or role is gone.
   */
  async loadKeyUser(keyId: string): Promise<AuthUser | null> {
    const rows: KeyRow[] = await this.ds.query(`SELECT k.id AS key_id, ${KEY_USER_COLUMNS} ${LIVE_KEY_FROM} AND k.id = $1`, [keyId]);
    return rows[0] ? keyUser(rows[0]) : null;
  }

  private async limit(res: Response, keyId: string, limit: number): Promise<void> {
    const { hits, resetSec } = await hitWindow(this.ds, `apikey:${keyId}`, API_KEY_WINDOW_SEC);
    // draft-ietf-httpapi-ratelimit-headers: the policy (quota per window) and the current state of it
    res.setHeader('RateLimit-Policy', `"key";q=${limit};w=${API_KEY_WINDOW_SEC}`);
    res.setHeader('RateLimit', `"key";r=${Math.max(0, limit - hits)};t=${resetSec}`);
    if (hits > limit) {
      res.setHeader('Retry-After', String(resetSec));
      throw new HttpException({ message: `Too many requests for this API key; try again in ${resetSec} s`, code: 'RATE_LIMITED' }, HttpStatus.TOO_MANY_REQUESTS);
    }
  }
}
