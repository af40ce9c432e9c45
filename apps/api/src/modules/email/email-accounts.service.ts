import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { AuditService } from '@core/audit/audit.service';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { can } from '@keyuan/shared';
import { DomainError, forbidden, notFound, staleVersion } from '@core/http/domain-error';
import { credentialsBox } from '@core/messaging/sealed-credentials';
import type { SecretBox } from '@core/util/secret-box';
import { imapClient, type MailboxEndpoints, type Security, serverError, smtpTransport } from './email-transport';
import { EmailErrorCode } from './email.errors';
import { CreateEmailAccountDto, EmailAccountList, EmailAccountResponse, EmailConnectionTestResponse, UpdateEmailAccountDto } from './dto/email.dto';

export interface AccountRow {
  id: string;
  name: string;
  address: string;
  from_name: string | null;
  purpose: string;
  user_id: string | null;
  signature: string | null;
  smtp_host: string;
  smtp_port: number;
  smtp_security: Security;
  smtp_user: string | null;
  imap_host: string | null;
  imap_port: number | null;
  imap_security: Security;
  imap_user: string | null;
  imap_mailbox: string;
  secrets: string | null;
  inbound_enabled: boolean;
  is_default: boolean;
  is_service_mailbox: boolean;
  imap_uid_validity: string | null;
  imap_last_uid: string;
  last_polled_at: Date | null;
  last_error: string | null;
  version: number;
  created_at: Date;
}

interface Secrets {
  smtpPassword?: string;
  imapPassword?: string;
}

const COLUMNS: [keyof CreateEmailAccountDto, string][] = [
  ['name', 'name'],
  ['address', 'address'],
  ['fromName', 'from_name'],
  ['purpose', 'purpose'],
  ['userId', 'user_id'],
  ['signature', 'signature'],
  ['smtpHost', 'smtp_host'],
  ['smtpPort', 'smtp_port'],
  ['smtpSecurity', 'smtp_security'],
  ['smtpUser', 'smtp_user'],
  ['imapHost', 'imap_host'],
  ['imapPort', 'imap_port'],
  ['imapSecurity', 'imap_security'],
  ['imapUser', 'imap_user'],
  ['imapMailbox', 'imap_mailbox'],
  ['inboundEnabled', 'inbound_enabled'],
  ['isDefault', 'is_default'],
  ['isServiceMailbox', 'is_service_mailbox'],
];

/**
 * Mailboxes (邮件设置): SMTP for sending and IMAP for receiving, passwords sealed with CREDENTIALS_KEY and never
 * returned (`smtpPasswordSet` says whether one is stored), one default mailbox, and a connection test that
 * answers in the servers' own words. Admins (email:update) manage them.
 */
@Injectable()
export class EmailAccountsService {
  private readonly box: SecretBox;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly audit: AuditService,
  ) {
    this.box = credentialsBox(config, 'Email');
  }

  async list(): Promise<EmailAccountList> {
    const rows: AccountRow[] = await this.ds.query(`SELECT * FROM email_accounts WHERE deleted_at IS NULL ORDER BY is_default DESC, created_at, id`);
    return { data: rows.map((r) => this.toResponse(r)) };
  }

  async get(id: string): Promise<EmailAccountResponse> {
    return this.toResponse(await this.row(id));
  }

  async row(id: string, m: EntityManager = this.ds.manager): Promise<AccountRow> {
    const [r]: AccountRow[] = await m.query(`SELECT * FROM email_accounts WHERE id = $1 AND deleted_at IS NULL`, [id]);
    if (!r) throw notFound('email account');
    return r;
  }

  /** The mailbox to send from: the one named, else the default one (else the only one). */
  async sender(actor: AuthUser | null, id?: string | null, m: EntityManager = this.ds.manager): Promise<AccountRow> {
    if (id) return this.mayUse(actor, await this.row(id, m));
    const rows: AccountRow[] = await m.query(`SELECT * FROM email_accounts WHERE deleted_at IS NULL ORDER BY is_default DESC, created_at LIMIT 2`);
    if (rows[0]?.is_default || rows.length === 1) return this.mayUse(actor, rows[0]);
    throw new DomainError(EmailErrorCode.EMAIL_ACCOUNT_REQUIRED, HttpStatus.UNPROCESSABLE_ENTITY, 'Choose a mailbox to send from (none is the default)', [
      { field: 'accountId', message: 'No default mailbox' },
    ]);
  }

  /** A personal mailbox (with a user) sends only for its user, or for someone who may manage mailboxes. */
  private mayUse(actor: AuthUser | null, row: AccountRow): AccountRow {
    if (actor && row.user_id && row.user_id !== actor.id && !can(actor.grants, 'settings', 'update')) {
      throw forbidden('settings:update', 'This mailbox belongs to another user');
    }
    return row;
  }

  /** Mailboxes polled for inbound mail. */
  inbound(): Promise<AccountRow[]> {
    return this.ds.query(`SELECT * FROM email_accounts WHERE deleted_at IS NULL AND inbound_enabled AND imap_host IS NOT NULL ORDER BY created_at`);
  }

  async create(actor: AuthUser, dto: CreateEmailAccountDto): Promise<EmailAccountResponse> {
    return this.ds.transaction(async (m) => {
      await this.assertAddressFree(m, dto.address, null);
      if (dto.isDefault) await m.query(`UPDATE email_accounts SET is_default = false WHERE is_default`);
      if (dto.isServiceMailbox) await m.query(`UPDATE email_accounts SET is_service_mailbox = false WHERE is_service_mailbox`);
      const values: Record<string, unknown> = { smtp_user: dto.address.toLowerCase() };
      for (const [k, col] of COLUMNS) if (dto[k] !== undefined) values[col] = dto[k];
      values.address = dto.address.toLowerCase();
      values.secrets = this.seal({ smtpPassword: dto.smtpPassword || undefined, imapPassword: dto.imapPassword || undefined });
      values.created_by = actor.id;
      const cols = Object.keys(values);
      const [row]: AccountRow[] = await m.query(
        `INSERT INTO email_accounts (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`,
        cols.map((c) => values[c]),
      );
      await this.audit.record(m, actor, 'create', 'email_account', row.id, [
        { field: 'address', old: null, new: row.address },
        { field: 'smtpHost', old: null, new: row.smtp_host },
      ]);
      return this.toResponse(row);
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateEmailAccountDto, ifMatch?: number): Promise<EmailAccountResponse> {
    return this.ds.transaction(async (m) => {
      const [cur]: AccountRow[] = await m.query(`SELECT * FROM email_accounts WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`, [id]);
      if (!cur) throw notFound('email account');
      const expected = ifMatch ?? dto.version;
      if (expected !== undefined && expected !== cur.version) throw staleVersion(cur.version);
      if (dto.address) await this.assertAddressFree(m, dto.address, id);
      if (dto.isDefault) await m.query(`UPDATE email_accounts SET is_default = false WHERE is_default AND id <> $1`, [id]);
      if (dto.isServiceMailbox) await m.query(`UPDATE email_accounts SET is_service_mailbox = false WHERE is_service_mailbox AND id <> $1`, [id]);
      const sets: string[] = [];
      const params: unknown[] = [id];
      const changes: { field: string; old: unknown; new: unknown }[] = [];
      for (const [k, col] of COLUMNS) {
        const v = (dto as Record<string, unknown>)[k];
        if (v === undefined) continue;
        const value = k === 'address' ? String(v).toLowerCase() : v;
        params.push(value);
        sets.push(`${col} = $${params.length}`);
        const old = (cur as unknown as Record<string, unknown>)[col];
        if (old !== value) changes.push({ field: k, old, new: value });
      }
      if (dto.smtpPassword || dto.imapPassword) {
        const s = this.open(cur.secrets);
        params.push(this.seal({ smtpPassword: dto.smtpPassword || s.smtpPassword, imapPassword: dto.imapPassword || s.imapPassword }));
        sets.push(`secrets = $${params.length}`);
        // the audit names what changed, never a password
        changes.push({ field: 'password', old: null, new: '(updated)' });
      }
      // a changed IMAP server or folder starts again from its first message (UIDs belong to one folder)
      if (dto.imapHost !== undefined || dto.imapMailbox !== undefined || dto.imapUser !== undefined) sets.push(`imap_uid_validity = NULL, imap_last_uid = 0`);
      const [row]: AccountRow[] = await m.query(
        `UPDATE email_accounts SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING *`,
        params,
      );
      if (changes.length) await this.audit.record(m, actor, 'update', 'email_account', id, changes);
      return this.toResponse(Array.isArray(row) ? (row as AccountRow[])[0] : row);
    });
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.row(id, m);
      await m.query(`UPDATE email_accounts SET deleted_at = now(), is_default = false, is_service_mailbox = false, inbound_enabled = false, version = version + 1 WHERE id = $1`, [id]);
      await this.audit.record(m, actor, 'delete', 'email_account', id, []);
    });
  }

  /** Logs in to SMTP (and IMAP when set) and answers each server's own error text. */
  async test(id: string): Promise<EmailConnectionTestResponse> {
    const e = this.endpoints(await this.row(id));
    const transport = smtpTransport(e);
    const smtp = await transport.verify().then(
      () => ({ ok: true, error: null }),
      (err: unknown) => ({ ok: false, error: serverError(err) }),
    );
    transport.close();
    let imap: EmailConnectionTestResponse['imap'] = null;
    if (e.imap) {
      const client = imapClient(e);
      client.on('error', () => undefined);
      imap = await client.connect().then(
        async () => {
          await client.logout().catch(() => undefined);
          return { ok: true, error: null };
        },
        (err: unknown) => ({ ok: false, error: serverError(err) }),
      );
    }
    return { smtp, imap };
  }

  /** Host, port, security and opened passwords for the protocol clients. */
  endpoints(r: AccountRow): MailboxEndpoints {
    const s = this.open(r.secrets);
    return {
      address: r.address,
      smtp: { host: r.smtp_host, port: r.smtp_port, security: r.smtp_security, user: r.smtp_user, password: s.smtpPassword ?? null },
      imap: r.imap_host
        ? {
            host: r.imap_host,
            port: r.imap_port ?? (r.imap_security === 'tls' ? 993 : 143),
            security: r.imap_security,
            user: r.imap_user ?? r.smtp_user,
            password: s.imapPassword ?? s.smtpPassword ?? null,
            mailbox: r.imap_mailbox,
          }
        : null,
    };
  }

  /** Records where IMAP polling got to (UIDVALIDITY and the highest UID handled), or the poll's error. */
  async polled(id: string, at: { uidValidity: string; lastUid: string } | null, error: string | null): Promise<void> {
    if (at) {
      await this.ds.query(
        `UPDATE email_accounts SET imap_uid_validity = $2, imap_last_uid = CASE WHEN imap_uid_validity IS DISTINCT FROM $2 THEN $3 ELSE GREATEST(imap_last_uid, $3) END,
                last_polled_at = now(), last_error = $4 WHERE id = $1`,
        [id, at.uidValidity, at.lastUid, error?.slice(0, 1000) ?? null],
      );
    } else {
      await this.ds.query(`UPDATE email_accounts SET last_polled_at = now(), last_error = $2 WHERE id = $1`, [id, error?.slice(0, 1000) ?? null]);
    }
  }

  private async assertAddressFree(m: EntityManager, address: string, exceptId: string | null): Promise<void> {
    const taken = await m.query(`SELECT 1 FROM email_accounts WHERE lower(address) = lower($1) AND deleted_at IS NULL AND id IS DISTINCT FROM $2`, [address, exceptId]);
    if (taken.length) {
      throw new DomainError(EmailErrorCode.EMAIL_ACCOUNT_ADDRESS_TAKEN, HttpStatus.CONFLICT, 'Another mailbox has this address', [{ field: 'address', message: 'Another mailbox has this address' }]);
    }
  }

  private seal(s: Secrets): string | null {
    return s.smtpPassword || s.imapPassword ? this.box.seal(JSON.stringify(s)) : null;
  }

  private open(sealed: string | null): Secrets {
    return sealed ? (JSON.parse(this.box.open(sealed)) as Secrets) : {};
  }

  private toResponse(r: AccountRow): EmailAccountResponse {
    const s = this.open(r.secrets);
    return {
      id: r.id,
      name: r.name,
      address: r.address,
      fromName: r.from_name,
      purpose: r.purpose,
      userId: r.user_id,
      signature: r.signature,
      smtpHost: r.smtp_host,
      smtpPort: r.smtp_port,
      smtpSecurity: r.smtp_security,
      smtpUser: r.smtp_user,
      smtpPasswordSet: !!s.smtpPassword,
      imapHost: r.imap_host,
      imapPort: r.imap_port,
      imapSecurity: r.imap_security,
      imapUser: r.imap_user,
      imapPasswordSet: !!(s.imapPassword ?? s.smtpPassword),
      imapMailbox: r.imap_mailbox,
      inboundEnabled: r.inbound_enabled,
      isDefault: r.is_default,
      isServiceMailbox: r.is_service_mailbox,
      lastPolledAt: r.last_polled_at,
      lastError: r.last_error,
      version: r.version,
      createdAt: r.created_at,
    };
  }
}
