import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { JwtSecretService } from '@core/auth/jwt-secret.service';
import { AccessClaims, JWT_ISSUER } from '@core/auth/jwt.strategy';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { badRequest, DomainError } from '@core/http/domain-error';
import { RolesService } from '@modules/admin/roles/roles.service';
import { UsersService } from '@modules/admin/users/users.service';
import { UserSessionsService } from '@modules/admin/users/user-sessions.service';
import { hashPassword, verifyPassword } from '@modules/admin/users/password';
import { MeResponse, TokenResponse } from './dto/auth.dto';
import { AuthErrorCode } from './auth.errors';

const unauthorized = (code: AuthErrorCode, message: string) => new DomainError(code, HttpStatus.UNAUTHORIZED, message);
const invalidCredentials = () => unauthorized(AuthErrorCode.INVALID_CREDENTIALS, 'Wrong email or password');
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A real hash to verify against when the email is unknown, so both paths take the same time. */
let dummyHash: Promise<string> | undefined;
const getDummyHash = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));

interface RefreshRow {
  id: string;
  user_id: string;
  family_id: string;
  token_version: number;
  token_hash: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

/**
 * Login with lockout, short-lived access tokens and rotating refresh tokens. Refresh tokens are
 * `<id>.<secret>`, stored hashed; using one twice revokes its whole family (the token was stolen).
 * The users' own tables are read through the admin module's services; this service owns `refresh_tokens`.
 */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly secrets: JwtSecretService,
    private readonly users: UsersService,
    private readonly roles: RolesService,
    private readonly sessions: UserSessionsService,
  ) {}

  /**
   * One answer for every failure (unknown email, wrong password, locked, deactivated): 401
   * INVALID_CREDENTIALS, so the answer tells nobody whether an account exists or what state it is in.
   * The password is always verified (against a dummy hash for unknown emails) so timing tells nothing either.
   */
  async login(email: string, password: string, client: string): Promise<TokenResponse> {
    const user = await this.sessions.findForLogin(email);
    const ok = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
    if (!user || (await this.sessions.isLocked(user.id, client))) throw invalidCredentials();
    if (!ok) {
      await this.sessions.recordFailure(user.id, client);
      throw invalidCredentials();
    }
    if (!user.active) throw invalidCredentials();
    return this.ds.transaction(async (m) => {
      await this.sessions.recordSuccess(m, user.id, client);
      return this.issue(m, user.id, randomUUID(), user.tokenVersion);
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
      // an inactive user, or a bumped token version (password reset, deactivation, role change), ends the login
      const version = await this.sessions.tokenVersion(row.user_id, m);
      if (version === null || version !== row.token_version) return 'invalid' as const;
      await m.query(`UPDATE refresh_tokens SET used_at = now() WHERE id = $1`, [row.id]);
      return this.issue(m, row.user_id, row.family_id, version);
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

  async changePassword(user: AuthUser, current: string, next: string): Promise<TokenResponse> {
    const stored = await this.sessions.passwordHash(user.id);
    if (!stored || !(await verifyPassword(stored, current))) {
      throw badRequest(AuthErrorCode.WRONG_PASSWORD, 'currentPassword', 'the current password is wrong');
    }
    if (current === next) throw badRequest(AuthErrorCode.SAME_PASSWORD, 'newPassword', 'the new password must differ from the current one');
    const hash = await hashPassword(next);
    return this.ds.transaction(async (m) => {
      const version = await this.sessions.setOwnPassword(m, user, hash);
      return this.issue(m, user.id, randomUUID(), version);
    });
  }

  async me(user: AuthUser): Promise<MeResponse> {
    const profile = await this.users.profile(user.id);
    const roles = await this.roles.summaries(profile.roleIds);
    return { user: profile, roles, permissions: user.grants, specialPermissions: user.special };
  }

  /**
   * A token pair of the login `familyId`. The access token carries the family (`sid`, checked per request:
   * a logout ends it at once) and the user's token version (`ver`, bumped to end every session of the user).
   */
  private async issue(m: EntityManager, userId: string, familyId: string, tokenVersion: number): Promise<TokenResponse> {
    const secret = randomBytes(32).toString('base64url');
    const [row] = await m.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, token_version)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5) RETURNING id`,
      [userId, familyId, sha256(secret), this.config.refreshTokenTtlSec, tokenVersion],
    );
    const claims: AccessClaims = { sub: userId, typ: 'access', sid: familyId, ver: tokenVersion };
    const accessToken = await this.jwt.signAsync(
      claims,
      { secret: this.secrets.keyObject as never, expiresIn: this.config.accessTokenTtlSec, issuer: JWT_ISSUER, algorithm: 'HS256', jwtid: randomUUID() },
    );
    return { accessToken, refreshToken: `${row.id}.${secret}`, expiresIn: this.config.accessTokenTtlSec, tokenType: 'Bearer' };
  }
}
