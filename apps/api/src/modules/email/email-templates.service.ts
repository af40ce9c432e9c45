import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '@core/auth/auth-user';
import { AuditService } from '@core/audit/audit.service';
import { DomainError, notFound, staleVersion } from '@core/http/domain-error';
import { templateVariables } from '@core/messaging/render';
import { EmailErrorCode } from './email.errors';
import { CreateEmailTemplateDto, EmailTemplateList, EmailTemplateResponse, UpdateEmailTemplateDto } from './dto/email.dto';

export interface TemplateRow {
  id: string;
  name: string;
  subject: string;
  body_html: string;
  kind: string;
  version: number;
  created_at: Date;
}

/** Email templates: a subject and an HTML body with `{{variables}}` (core/messaging/render), soft-deleted. */
@Injectable()
export class EmailTemplatesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<EmailTemplateList> {
    const rows: TemplateRow[] = await this.ds.query(`SELECT * FROM email_templates WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC`);
    return { data: rows.map(toTemplateResponse) };
  }

  async get(id: string): Promise<EmailTemplateResponse> {
    return toTemplateResponse(await this.row(id));
  }

  async row(id: string, m: EntityManager = this.ds.manager): Promise<TemplateRow> {
    const [r]: TemplateRow[] = await m.query(`SELECT * FROM email_templates WHERE id = $1 AND deleted_at IS NULL`, [id]);
    if (!r) throw notFound('email template');
    return r;
  }

  async create(actor: AuthUser, dto: CreateEmailTemplateDto): Promise<EmailTemplateResponse> {
    return this.ds.transaction(async (m) => {
      await this.assertNameFree(m, dto.name, null);
      const [r]: TemplateRow[] = await m.query(
        `INSERT INTO email_templates (name, subject, body_html, kind, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [dto.name, dto.subject, dto.bodyHtml, dto.kind ?? 'notification', actor.id],
      );
      await this.audit.record(m, actor, 'create', 'email_template', r.id, [{ field: 'name', old: null, new: r.name }]);
      return toTemplateResponse(r);
    });
  }

  async update(actor: AuthUser, id: string, dto: UpdateEmailTemplateDto, ifMatch?: number): Promise<EmailTemplateResponse> {
    return this.ds.transaction(async (m) => {
      const [cur]: TemplateRow[] = await m.query(`SELECT * FROM email_templates WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`, [id]);
      if (!cur) throw notFound('email template');
      const expected = ifMatch ?? dto.version;
      if (expected !== undefined && expected !== cur.version) throw staleVersion(cur.version);
      if (dto.name) await this.assertNameFree(m, dto.name, id);
      const next = { name: dto.name ?? cur.name, subject: dto.subject ?? cur.subject, body_html: dto.bodyHtml ?? cur.body_html, kind: dto.kind ?? cur.kind };
      const [[r]]: [TemplateRow[]] = await m.query(
        `UPDATE email_templates SET name = $2, subject = $3, body_html = $4, kind = $5, version = version + 1, updated_at = now() WHERE id = $1 RETURNING *`,
        [id, next.name, next.subject, next.body_html, next.kind],
      );
      const changes = (['name', 'subject', 'body_html', 'kind'] as const).filter((k) => cur[k] !== next[k]).map((k) => ({ field: k, old: cur[k], new: next[k] }));
      if (changes.length) await this.audit.record(m, actor, 'update', 'email_template', id, changes);
      return toTemplateResponse(r);
    });
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.row(id, m);
      await m.query(`UPDATE email_templates SET deleted_at = now(), version = version + 1 WHERE id = $1`, [id]);
      await this.audit.record(m, actor, 'delete', 'email_template', id, []);
    });
  }

  private async assertNameFree(m: EntityManager, name: string, exceptId: string | null): Promise<void> {
    const taken = await m.query(`SELECT 1 FROM email_templates WHERE lower(name) = lower($1) AND deleted_at IS NULL AND id IS DISTINCT FROM $2`, [name, exceptId]);
    if (taken.length) throw new DomainError(EmailErrorCode.EMAIL_TEMPLATE_NAME_TAKEN, HttpStatus.CONFLICT, 'A template has this name', [{ field: 'name', message: 'A template has this name' }]);
  }
}

export function toTemplateResponse(r: TemplateRow): EmailTemplateResponse {
  return {
    id: r.id,
    name: r.name,
    subject: r.subject,
    bodyHtml: r.body_html,
    kind: r.kind,
    variables: templateVariables(`${r.subject} ${r.body_html}`),
    version: r.version,
    createdAt: r.created_at,
  };
}
