import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService, FieldChange } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { APP_CONFIG, AppConfig } from '@core/config/app-config';
import { AttachmentBody, AttachmentsService, UploadedFileInput } from '@core/files/attachments.service';
import { badRequest, notFound, staleVersion } from '@core/http/domain-error';
import type { Locale } from '@core/i18n/locale';
import { PublicSettingsResponse, SettingsResponse, UpdateSettingsDto } from './dto/settings.dto';

/** The settings' id in the audit log and as the logo's record (the table holds one row). */
export const SETTINGS_ENTITY_ID = '00000000-0000-4000-8000-000000000001';
const LOGO_KIND = 'company_logo';

/** The company header of documents (quote PDFs, invoices) in one language. */
export interface CompanyProfile {
  name: string;
  address: string;
  phone: string;
  taxId: string;
  bankName: string;
  bankAccount: string;
  logoAttachmentId: string | null;
}

interface Row {
  company_name_zh: string;
  company_name_en: string;
  address: string;
  phone: string;
  tax_id: string;
  bank_name: string;
  bank_account: string;
  logo_attachment_id: string | null;
  time_zone: string | null;
  locale: string | null;
  login_company_name: string;
  updated_at: Date;
  version: number;
}

const FIELDS: [keyof UpdateSettingsDto, keyof Row][] = [
  ['companyNameZh', 'company_name_zh'],
  ['companyNameEn', 'company_name_en'],
  ['address', 'address'],
  ['phone', 'phone'],
  ['taxId', 'tax_id'],
  ['bankName', 'bank_name'],
  ['bankAccount', 'bank_account'],
  ['timeZone', 'time_zone'],
  ['locale', 'locale'],
  ['loginCompanyName', 'login_company_name'],
];

/**
 * System settings (系统设置): the company profile, defaults and the login page's name. Admins (settings
 * grants) read and change them; every change is audited field by field (entity `settings`). Other modules
 * read the company header through `companyProfile` (quote PDFs), never the table.
 */
@Injectable()
export class SettingsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
  ) {}

  private async row(m: EntityManager = this.ds.manager, lock = false): Promise<Row> {
    const rows: Row[] = await m.query(`SELECT * FROM app_settings WHERE id = 1${lock ? ' FOR UPDATE' : ''}`);
    return rows[0];
  }

  private toResponse(r: Row): SettingsResponse {
    return {
      companyNameZh: r.company_name_zh,
      companyNameEn: r.company_name_en,
      address: r.address,
      phone: r.phone,
      taxId: r.tax_id,
      bankName: r.bank_name,
      bankAccount: r.bank_account,
      hasLogo: Boolean(r.logo_attachment_id),
      timeZone: r.time_zone ?? '',
      locale: r.locale ?? '',
      loginCompanyName: r.login_company_name,
      numberFormats: { quote: this.config.quoteNumberFormat, contract: this.config.contractNumberFormat, ticket: this.config.ticketNumberFormat },
      effective: { timeZone: r.time_zone || this.config.timezone, locale: r.locale || this.config.defaultLocale },
      version: r.version,
      updatedAt: r.updated_at,
    };
  }

  async get(): Promise<SettingsResponse> {
    return this.toResponse(await this.row());
  }

  /** What the login page shows (no sign-in needed). */
  async publicInfo(): Promise<PublicSettingsResponse> {
    const r = await this.row();
    const fallback = this.config.company.name;
    return {
      loginCompanyName: r.login_company_name || r.company_name_zh || r.company_name_en || fallback,
      companyNameZh: r.company_name_zh || fallback,
      companyNameEn: r.company_name_en || r.company_name_zh || fallback,
      hasLogo: Boolean(r.logo_attachment_id),
      locale: r.locale || this.config.defaultLocale,
    };
  }

  /** The company header for documents in `locale`; empty settings fall back to the COMPANY_* configuration. */
  async companyProfile(locale: Locale, m: EntityManager = this.ds.manager): Promise<CompanyProfile> {
    const r = await this.row(m);
    const c = this.config.company;
    const name = locale === 'en-US' ? r.company_name_en || r.company_name_zh : r.company_name_zh || r.company_name_en;
    return {
      name: name || c.name,
      address: r.address || c.address,
      phone: r.phone || c.phone,
      taxId: r.tax_id || c.taxId,
      bankName: r.bank_name || c.bankName,
      bankAccount: r.bank_account || c.bankAccount,
      logoAttachmentId: r.logo_attachment_id,
    };
  }

  /** Changes the given fields (412 when `ifMatch` is not the current version); audited field by field. */
  async update(actor: AuthUser, dto: UpdateSettingsDto, ifMatch?: number): Promise<SettingsResponse> {
    if (dto.timeZone) {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: dto.timeZone });
      } catch {
        throw badRequest('SETTINGS_INVALID_TIME_ZONE', 'timeZone', 'timeZone must be an IANA time zone such as Asia/Shanghai');
      }
    }
    return this.ds.transaction(async (m) => {
      const before = await this.row(m, true);
      if (ifMatch !== undefined && ifMatch !== before.version) throw staleVersion(before.version);
      const changes: FieldChange[] = [];
      const sets: string[] = [];
      const params: unknown[] = [];
      for (const [field, column] of FIELDS) {
        const raw = dto[field];
        if (raw === undefined) continue;
        const value = (column === 'time_zone' || column === 'locale') && raw.trim() === '' ? null : raw.trim();
        if ((before[column] ?? null) === value) continue;
        changes.push({ field, old: before[column], new: value });
        params.push(value);
        sets.push(`${column} = $${params.length}`);
      }
      if (!changes.length) return this.toResponse(before);
      params.push(actor.id);
      await m.query(`UPDATE app_settings SET ${sets.join(', ')}, updated_by_id = $${params.length}, updated_at = now(), version = version + 1 WHERE id = 1`, params);
      await this.audit.record(m, actor, 'update', 'settings', SETTINGS_ENTITY_ID, changes);
      return this.toResponse(await this.row(m));
    });
  }

  /** Replaces the logo (PNG or JPEG by its first bytes); the old one's file goes with the storage sweep. */
  async setLogo(actor: AuthUser, file: UploadedFileInput | undefined): Promise<SettingsResponse> {
    return this.ds.transaction(async (m) => {
      const before = await this.row(m, true);
      const a = await this.attachments.add(actor, LOGO_KIND, SETTINGS_ENTITY_ID, file, m, ['png', 'jpeg']);
      await m.query(`UPDATE app_settings SET logo_attachment_id = $1, updated_by_id = $2, updated_at = now(), version = version + 1 WHERE id = 1`, [a.id, actor.id]);
      if (before.logo_attachment_id) await this.attachments.remove(LOGO_KIND, SETTINGS_ENTITY_ID, before.logo_attachment_id, m);
      await this.audit.record(m, actor, 'update', 'settings', SETTINGS_ENTITY_ID, [{ field: 'logo', old: before.logo_attachment_id, new: a.id }]);
      return this.toResponse(await this.row(m));
    });
  }

  /** The logo's bytes; 404 when there is none. */
  async logo(): Promise<AttachmentBody> {
    const r = await this.row();
    if (!r.logo_attachment_id) throw notFound('logo');
    return this.attachments.read(LOGO_KIND, SETTINGS_ENTITY_ID, r.logo_attachment_id);
  }
}
