import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { JwtSecretService } from '@core/auth/jwt-secret.service';
import { JWT_ISSUER } from '@core/auth/jwt.strategy';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { DomainError } from '@core/http/domain-error';
import { toUserResponse, UsersService } from '@modules/admin/users/users.service';
import { hashPassword, verifyPassword } from '@modules/admin/users/password';
import { MeResponse, TokenResponse } from './dto/auth.dto';
import { AuthErrorCode } from './auth.errors';

const unauthorized = (code: AuthErrorCode, message: string) => new DomainError(code, HttpStatus.UNAUTHORIZED, message);
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A real hash to verify against when the email is unknown, so both paths take the same time. */
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));

interface RefreshRow {
  id: string;
  user_id: string;
  family_id: string;
  token_hash: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

/**
 * Login with lockout, short-lived access tokens and rotating refresh tokens. Refresh tokens are
 * `<id>.<secret>`, stored hashed; using one twice revokes its whole family (the token was stolen).
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly secrets: JwtSecretService,
    private readonly users: UsersService,
  ) {}

  async login(email: string, password: string): Promise<TokenResponse> {
    const rows: { id: string; password_hash: string; active: boolean; locked_until: Date | null }[] = await this.ds.query(
      `SELECT id, password_hash, active, locked_until FROM users WHERE email = $1 AND deleted_at IS NULL`,
      [email],
    );
    const user = rows[0];
    if (!user) {
      await verifyPassword(await getDummyHash(), password);
      throw unauthorized(AuthErrorCode.INVALID_CREDENTIALS, 'Wrong email or password');
    }
    if (user.locked_until && user.locked_until > new Date()) {
      throw new DomainError(
        AuthErrorCode.ACCOUNT_LOCKED,
        HttpStatus.UNAUTHORIZED,
        `Too many failed logins; the account is locked until ${user.locked_until.toISOString()}`,
        undefined,
        { lockedUntil: user.locked_until.toISOString() },
      );
    }
    const ok = await verifyPassword(user.password_hash, password);
    if (!ok) {
      await this.ds.query(
        `UPDATE users SET failed_login_count = failed_login_count + 1,
                locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
          WHERE id = $1`,
        [user.id, this.config.loginMaxFailures, this.config.loginLockMinutes],
      );
      throw unauthorized(AuthErrorCode.INVALID_CREDENTIALS, 'Wrong email or password');
    }
    if (!user.active) throw unauthorized(AuthErrorCode.INVALID_CREDENTIALS, 'This account is deactivated');
    return this.ds.transaction(async (m) => {
      await m.query(
        `UPDATE users SET failed_login_count = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`,
        [user.id],
      );
      return this.issue(m, user.id, randomUUID());
    });
  }

  async refresh(token: string): Promise<TokenResponse> {
    const [id, secret] = token.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) {
      throw unauthorized(AuthErrorCode.INVALID_REFRESH_TOKEN, 'The refresh token is invalid');
    }
    const outcome = await this.ds.transaction(async (m) => {
      const rows: RefreshRow[] = await m.query(`SELECT * FROM refresh_tokens WHERE id = $1 FOR UPDATE`, [id]);
      const row = rows[0];
      if (!row || row.token_hash !== sha256(secret) || row.revoked_at || row.expires_at < new Date()) return 'invalid' as const;
      if (row.used_at) {
        await m.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [row.family_id]);
        return 'reused' as const;
      }
      const active: unknown[] = await m.query(`SELECT 1 FROM users WHERE id = $1 AND active AND deleted_at IS NULL`, [row.user_id]);
      if (!active.length) return 'invalid' as const;
      await m.query(`UPDATE refresh_tokens SET used_at = now() WHERE id = $1`, [row.id]);
      return this.issue(m, row.user_id, row.family_id);
    });
    if (outcome === 'reused') {
      // committed above: the whole family stays revoked
      throw unauthorized(AuthErrorCode.REFRESH_TOKEN_REUSED, 'This refresh token was already used; all sessions of this login were ended');
    }
    if (outcome === 'invalid') throw unauthorized(AuthErrorCode.INVALID_REFRESH_TOKEN, 'The refresh token is invalid or expired');
    return outcome;
  }

  async logout(token: string): Promise<void> {
    const [id, secret] = token.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) return;
    await this.ds.query(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE id = $1 AND token_hash = $2) AND revoked_at IS NULL`,
      [id, sha256(secret)],
    );
  }

  async me(user: AuthUser): Promise<MeResponse> {
    const roles: { id: string; key: string; name: string }[] = await this.ds.query(
      `SELECT r.id, r.key, r.name FROM user_roles ur JOIN roles r ON r.id = ur.role_id AND r.deleted_at IS NULL
        WHERE ur.user_id = $1 ORDER BY r.key`,
      [user.id],
    );
    const full = await this.users.store.get(null, user.id);
    full.roleIds = roles.map((r) => r.id);
    return { user: toUserResponse(full), roles, permissions: user.grants, specialPermissions: user.special };
  }

  private async issue(m: EntityManager, userId: string, familyId: string): Promise<TokenResponse> {
    const secret = randomBytes(32).toString('base64url');
    const [row] = await m.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4)) RETURNING id`,
      [userId, familyId, sha256(secret), this.config.refreshTokenTtlSec],
    );
    const accessToken = await this.jwt.signAsync(
      { sub: userId, typ: 'access' },
      { secret: this.secrets.keyObject as never, expiresIn: this.config.accessTokenTtlSec, issuer: JWT_ISSUER, algorithm: 'HS256', jwtid: randomUUID() },
    );
    return { accessToken, refreshToken: `${row.id}.${secret}`, expiresIn: this.config.accessTokenTtlSec, tokenType: 'Bearer' };
  }
}
