import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { AuditService } from '@core/audit/audit.service';
import { DomainError, notFound, staleVersion } from '@core/http/domain-error';
import { endsWithOptOutLine } from '@core/messaging/opt-out';
import { templateVariables } from '@core/messaging/render';
import type { SmsTemplateKind, SmsTemplateStatus } from '@keyuan/shared';
import { SmsSettingsService } from './sms-settings.service';
import { SmsErrorCode } from './sms.errors';
import {
  CreateSmsTemplateDto,
  SmsTemplateList,
  SmsTemplateResponse,
  UpdateSmsTemplateDto,
} from './dto/sms.dto';

export interface SmsTemplate {
  id: string;
  name: string;
  body: string;
  kind: SmsTemplateKind;
  providerTemplateCode: string | null;
  status: SmsTemplateStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = `id, name, body, kind, provider_template_code AS "providerTemplateCode", status, version, created_at AS "createdAt", updated_at AS "updatedAt"`;

export const toTemplateResponse = (t: SmsTemplate): SmsTemplateResponse => ({
  ...t,
  variables: templateVariables(t.body),
});

/** SMS templates: `{{variables}}`, notification or marketing (which must end with the opt-out line), the provider's code. */
@Injectable()
export class SmsTemplatesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly settings: SmsSettingsService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<SmsTemplateList> {
    const rows: SmsTemplate[] = await this.ds.query(
      `SELECT ${COLUMNS} FROM sms_templates WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 500`,
    );
    return { data: rows.map(toTemplateResponse) };
  }

  async find(id: string, m: EntityManager = this.ds.manager, lock = false): Promise<SmsTemplate> {
    const [t]: SmsTemplate[] = await m.query(
      `SELECT ${COLUMNS} FROM sms_templates WHERE id = $1 AND deleted_at IS NULL${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    if (!t) throw notFound('sms template');
    return t;
  }

  async get(id: string): Promise<SmsTemplateResponse> {
    return toTemplateResponse(await this.find(id));
  }

  /** An active template for sending (422 when disabled). */
  async usable(id: string, m?: EntityManager): Promise<SmsTemplate> {
    const t = await this.find(id, m).catch(() => {
      throw new DomainError(SmsErrorCode.SMS_TEMPLATE_NOT_FOUND, HttpStatus.BAD_REQUEST, 'No such template', [
        { field: 'templateId', message: 'No such template' },
      ]);
    });
    if (t.status !== 'active')
      throw new DomainError(
        SmsErrorCode.SMS_TEMPLATE_DISABLED,
        HttpStatus.UNPROCESSABLE_ENTITY,
        'The template is disabled',
      );
    return t;
  }

  async create(actor: AuthUser, dto: CreateSmsTemplateDto): Promise<SmsTemplateResponse> {
    await this.check(dto.kind, dto.body);
    return this.ds.transaction(async (m) => {
      const [t]: SmsTemplate[] = await m
        .query(
          `INSERT INTO sms_templates (name, body, kind, provider_template_code, status, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${COLUMNS}`,
          [dto.name, dto.body, dto.kind, dto.providerTemplateCode ?? null, dto.status ?? 'active', actor.id],
        )
        .catch((e) => this.nameTaken(e));
      await this.audit.record(m, actor, 'create', 'sms_template', t.id, [
        { field: 'name', old: null, new: t.name },
        { field: 'kind', old: null, new: t.kind },
      ]);
      return toTemplateResponse(t);
    });
  }

  async update(
    actor: AuthUser,
    id: string,
    dto: UpdateSmsTemplateDto,
    ifMatch?: number,
  ): Promise<SmsTemplateResponse> {
    return this.ds.transaction(async (m) => {
      const before = await this.find(id, m, true);
      const expected = ifMatch ?? dto.version;
      if (expected !== undefined && expected !== before.version) throw staleVersion(before.version);
      const next = {
        name: dto.name ?? before.name,
        body: dto.body ?? before.body,
        kind: dto.kind ?? before.kind,
        providerTemplateCode:
          dto.providerTemplateCode === undefined ? before.providerTemplateCode : dto.providerTemplateCode,
        status: dto.status ?? before.status,
      };
      await this.check(next.kind, next.body);
      const [t]: SmsTemplate[] = await m
        .query(
          `UPDATE sms_templates SET name = $2, body = $3, kind = $4, provider_template_code = $5, status = $6, version = version + 1, updated_at = now()
           WHERE id = $1 RETURNING ${COLUMNS}`,
          [id, next.name, next.body, next.kind, next.providerTemplateCode, next.status],
        )
        .then((r: [SmsTemplate[], number]) => r[0])
        .catch((e) => this.nameTaken(e));
      const changes = (Object.keys(next) as (keyof typeof next)[])
        .filter((k) => next[k] !== before[k])
        .map((k) => ({ field: k, old: before[k], new: next[k] }));
      if (changes.length) await this.audit.record(m, actor, 'update', 'sms_template', id, changes);
      return toTemplateResponse(t);
    });
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.find(id, m, true);
      const [used] = await m.query(
        `SELECT 1 FROM sms_broadcasts WHERE template_id = $1 AND status IN ('scheduled', 'waiting', 'running') LIMIT 1`,
        [id],
      );
      if (used)
        throw new DomainError(
          SmsErrorCode.SMS_TEMPLATE_IN_USE,
          HttpStatus.CONFLICT,
          'A broadcast in progress uses this template',
        );
      await m.query(`UPDATE sms_templates SET deleted_at = now(), version = version + 1 WHERE id = $1`, [id]);
      await this.audit.record(m, actor, 'delete', 'sms_template', id, []);
    });
  }

  /** A marketing text (template or free-text message) must end with the opt-out line (400 on `body`). */
  async check(kind: SmsTemplateKind, body: string): Promise<void> {
    if (kind !== 'marketing') return;
    const line = (await this.settings.load()).optOutLine;
    if (!endsWithOptOutLine(body, line)) {
      throw new DomainError(
        SmsErrorCode.SMS_OPT_OUT_LINE_REQUIRED,
        HttpStatus.BAD_REQUEST,
        `A marketing template must end with 「${line}」`,
        [{ field: 'body', message: `must end with 「${line}」`, params: { line } }],
        undefined,
        { params: { line } },
      );
    }
  }

  private nameTaken(e: unknown): never {
    if ((e as { code?: string }).code === '23505') {
      throw new DomainError(
        SmsErrorCode.SMS_TEMPLATE_NAME_TAKEN,
        HttpStatus.CONFLICT,
        'A template has this name',
        [{ field: 'name', message: 'taken' }],
      );
    }
    throw e;
  }
}
