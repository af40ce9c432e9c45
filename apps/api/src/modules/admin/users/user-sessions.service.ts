import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { AuditService, type FieldChange } from '@core/audit/audit.service';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';

export interface LoginCandidate {
  id: string;
  passwordHash: string;
  active: boolean;
  tokenVersion: number;
}

/**
 * What the auth module needs of users: the credentials of a login, the session version every token
 * carries, and the login lockout per account and client (the caller's IP): LOGIN_MAX_FAILURES wrong passwords from one
 * client lock that account for that client for LOGIN_LOCK_MINUTES; the same account elsewhere still logs
 * in. The counter starts again after a lock ends or a successful login from that client. `users.locked_until`
 * shows the admin the end of the latest lock; a password reset ends every lock of the account.
 */
@Injectable()
export class UserSessionsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  /** The stored password hash of a live user (for a password change that checks the current one). */
  async passwordHash(userId: string): Promise<string | null> {
    const rows: { password_hash: string }[] = await this.ds.query(
      `SELECT password_hash FROM users WHERE id = $1 AND active AND deleted_at IS NULL`,
      [userId],
    );
    return rows[0]?.password_hash ?? null;
  }

  /**
   * The user chose a new password: store it, clear "must change", end every other session (token version
   * bumped) and audit it. Answers the new token version for the caller's fresh session.
   */
  async setOwnPassword(m: EntityManager, actor: AuthUser, hash: string): Promise<number> {
    const [[row]]: [{ token_version: number; was: boolean }[], number] = await m.query(
      `UPDATE users u SET password_hash = $2, must_change_password = false, token_version = u.token_version + 1,
              version = u.version + 1, updated_at = now()
         FROM users old WHERE u.id = $1 AND old.id = u.id
       RETURNING u.token_version, old.must_change_password AS was`,
      [actor.id, hash],
    );
    const changes: FieldChange[] = [{ field: 'password', old: '***', new: '***' }];
    if (row.was) changes.push({ field: 'mustChangePassword', old: true, new: false });
    await this.audit.record(m, actor, 'update', 'user', actor.id, changes);
    return row.token_version;
  }

  /** The live (not deleted) user with this email, active or not. */
  async findForLogin(email: string): Promise<LoginCandidate | null> {
    const rows: { id: string; password_hash: string; active: boolean; token_version: number }[] = await this.ds.query(
      `SELECT id, password_hash, active, token_version FROM users WHERE email = $1 AND deleted_at IS NULL`,
      [email],
    );
    const r = rows[0];
    return r ? { id: r.id, passwordHash: r.password_hash, active: r.active, tokenVersion: r.token_version } : null;
  }

  /** The user's current token version; null when the user is inactive or deleted (no session is valid). */
  async tokenVersion(userId: string, m: EntityManager = this.ds.manager): Promise<number | null> {
    const rows: { token_version: number }[] = await m.query(
      `SELECT token_version FROM users WHERE id = $1 AND active AND deleted_at IS NULL`,
      [userId],
    );
    return rows[0]?.token_version ?? null;
  }

  async isLocked(userId: string, client: string): Promise<boolean> {
    const rows: unknown[] = await this.ds.query(
      `SELECT 1 FROM login_lockouts WHERE user_id = $1 AND client = $2 AND locked_until > now()`,
      [userId, client],
    );
    return rows.length > 0;
  }

  async recordFailure(userId: string, client: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const [row]: { failures: number }[] = await m.query(
        `INSERT INTO login_lockouts (user_id, client, failures) VALUES ($1, $2, 1)
         ON CONFLICT (user_id, client) DO UPDATE SET
           failures = CASE WHEN login_lockouts.locked_until <= now() THEN 1 ELSE login_lockouts.failures + 1 END,
           locked_until = CASE WHEN login_lockouts.locked_until <= now() THEN NULL ELSE login_lockouts.locked_until END,
           updated_at = now()
         RETURNING failures`,
        [userId, client],
      );
      // lock once when the threshold is reached; further failures during the lock do not extend it
      if (row.failures !== this.config.loginMaxFailures) return;
      const minutes = this.config.loginLockMinutes;
      await m.query(`UPDATE login_lockouts SET locked_until = now() + make_interval(mins => $3) WHERE user_id = $1 AND client = $2`, [
        userId,
        client,
        minutes,
      ]);
      await m.query(`UPDATE users SET locked_until = now() + make_interval(mins => $2) WHERE id = $1`, [userId, minutes]);
    });
  }

  /** A successful login from `client` forgets that client's failures. */
  async recordSuccess(m: EntityManager, userId: string, client: string): Promise<void> {
    await m.query(`DELETE FROM login_lockouts WHERE user_id = $1 AND client = $2`, [userId, client]);
    await m.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [userId]);
  }

  /** Ends every lock of the account (a password reset). */
  async clearLocks(m: EntityManager, userId: string): Promise<void> {
    await m.query(`DELETE FROM login_lockouts WHERE user_id = $1`, [userId]);
    await m.query(`UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE id = $1`, [userId]);
  }
}
