import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, PermissionAction } from '@keyuan/shared';
import { DataSource, EntityManager } from 'typeorm';
import { scopeCondition, scopeParams } from '@core/access/data-scope';
import { AuditService } from '@core/audit/audit.service';
import { type AuthUser, scopeOf } from '@core/auth/auth-user';
import { AttachmentBody, AttachmentsService, toAttachmentResponse, UploadedFileInput } from '@core/files/attachments.service';
import { AttachmentResponse } from '@core/files/dto/attachment.dto';
import { badRequest, forbidden, notFound } from '@core/http/domain-error';
import { sanitizeRichText } from '@core/text/rich-text';
import { DepartmentsService } from '@modules/admin/departments/departments.service';
import { RolesService } from '@modules/admin/roles/roles.service';
import { UsersService } from '@modules/admin/users/users.service';
import { CreateNoticeDto, NoticeAudienceTargetsResponse, NoticeListResponse, NoticeReceiptsResponse, NoticeResponse } from './dto/notice.dto';

/** The attachments' record type (core/files). */
const KIND = 'notice';

interface Row {
  id: string;
  title: string;
  body_html: string;
  audience: string;
  department_ids: string[];
  role_keys: string[];
  publish_at: Date;
  expires_at: Date | null;
  pinned: boolean;
  author_id: string | null;
  department_id: string | null;
  created_at: Date;
  read: boolean;
}

const toResponse = (r: Row, attachments: AttachmentResponse[] = []): NoticeResponse => ({
  id: r.id,
  title: r.title,
  bodyHtml: r.body_html,
  audience: r.audience,
  departmentIds: r.department_ids,
  roleKeys: r.role_keys,
  publishAt: r.publish_at,
  expiresAt: r.expires_at,
  pinned: r.pinned,
  authorId: r.author_id,
  read: r.read,
  attachments,
  createdAt: r.created_at,
});

/**
 * The audience condition in SQL for the reader ($1 user id, $2 department path, $3 role keys): everyone,
 * one of the notice's departments on the reader's department path (sub-departments included), or one of
 * its roles. Published and not expired.
 */
const VISIBLE = `n.deleted_at IS NULL AND n.publish_at <= now() AND (n.expires_at IS NULL OR n.expires_at > now())
  AND (n.audience = 'everyone'
       OR (n.audience = 'departments' AND $2::text IS NOT NULL AND EXISTS (SELECT 1 FROM unnest(n.department_ids) x WHERE $2::text LIKE '%/' || x || '/%'))
       OR (n.audience = 'roles' AND n.role_keys && $3::varchar[]))`;

/**
 * Company notices (公司通知). Every signed-in user reads the ones addressed to them (others: 404), marks them
 * read, sees the unread count and downloads their attachments; no grant is needed for that. Publishers hold
 * the `notices` grant: `create` publishes, `read` shows every notice in the grant's scope (by author: own,
 * department and below, all) with its read receipts, `update` adds and removes attachments, `delete`
 * withdraws.
 */
@Injectable()
export class NoticesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly attachments: AttachmentsService,
    private readonly departments: DepartmentsService,
    private readonly roles: RolesService,
  ) {}

  /** Departments and roles a publisher may address (asked of the admin module; no departments or roles grant needed). */
  async audienceTargets(): Promise<NoticeAudienceTargetsResponse> {
    return { departments: await this.departments.pathNames(), roles: await this.roles.options() };
  }

  /**
   * The live notice when the actor holds `notices:<action>` and it lies in that grant's scope (its author
   * and the author's department at publishing); null otherwise.
   */
  private async managed(actor: AuthUser, action: PermissionAction, id: string, m: EntityManager = this.ds.manager): Promise<Row | null> {
    if (!can(actor.grants, 'notices', action)) return null;
    const qb = m.createQueryBuilder().select('n.*').addSelect('false', 'read').from('notices', 'n').where('n.id = :id AND n.deleted_at IS NULL', { id });
    const cond = scopeCondition(actor, scopeOf(actor, 'notices'), { owner: 'n.author_id', department: 'n.department_id' });
    if (cond) qb.andWhere(cond, scopeParams(actor));
    return (await qb.getRawOne<Row>()) ?? null;
  }

  /** The notice for a reader: addressed to them, or managed by them (notices read grant in scope); 404 otherwise. */
  private async readable(reader: AuthUser, id: string, m: EntityManager = this.ds.manager): Promise<Row> {
    const rows: Row[] = await m.query(
      `SELECT n.*, EXISTS (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id AND r.user_id = $1) AS read FROM notices n WHERE n.id = $4 AND ${VISIBLE}`,
      [...this.params(reader), id],
    );
    if (rows.length) return rows[0];
    const managed = await this.managed(reader, 'read', id, m);
    if (!managed) throw notFound('notice');
    const [{ read }]: { read: boolean }[] = await m.query(`SELECT EXISTS (SELECT 1 FROM notice_reads WHERE notice_id = $1 AND user_id = $2) AS read`, [id, reader.id]);
    return { ...managed, read };
  }

  /** The managed notice for a change (403 without the grant, 404 outside its scope). */
  private async manage(actor: AuthUser, action: PermissionAction, id: string, m: EntityManager): Promise<Row> {
    if (!can(actor.grants, 'notices', action)) throw forbidden(`notices.${action}`);
    const row = await this.managed(actor, action, id, m);
    if (!row) throw notFound('notice');
    return row;
  }

  /** Attachments of notices by notice id, with uploader names. */
  private async attachmentsOf(ids: string[], m: EntityManager = this.ds.manager): Promise<Map<string, AttachmentResponse[]>> {
    const out = new Map<string, AttachmentResponse[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const rows = await this.attachments.listMany(KIND, ids, m);
    const names = await this.users.namesByIds(rows.map((a) => a.uploadedById), m);
    for (const a of rows) out.get(a.recordId)?.push(toAttachmentResponse(a, names));
    return out;
  }

  private params(u: AuthUser) {
    return [u.id, u.departmentPath, u.roleKeys];
  }

  async create(actor: AuthUser, dto: CreateNoticeDto): Promise<NoticeResponse> {
    const departmentIds = dto.audience === 'departments' ? [...new Set(dto.departmentIds ?? [])] : [];
    const roleKeys = dto.audience === 'roles' ? [...new Set(dto.roleKeys ?? [])] : [];
    if (dto.audience === 'departments' && !departmentIds.length) throw badRequest('NOTICE_AUDIENCE_EMPTY', 'departmentIds', 'Name at least one department');
    if (dto.audience === 'roles' && !roleKeys.length) throw badRequest('NOTICE_AUDIENCE_EMPTY', 'roleKeys', 'Name at least one role');
    const publishAt = dto.publishAt ? new Date(dto.publishAt) : new Date();
    if (dto.expiresAt && new Date(dto.expiresAt) <= publishAt) throw badRequest('NOTICE_EXPIRES_BEFORE_PUBLISH', 'expiresAt', 'expiresAt must be after publishAt');
    return this.ds.transaction(async (m) => {
      const [row]: Row[] = await m.query(
        `INSERT INTO notices (title, body_html, audience, department_ids, role_keys, publish_at, expires_at, pinned, author_id, department_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *, false AS read`,
        [dto.title.trim(), sanitizeRichText(dto.bodyHtml ?? ''), dto.audience, departmentIds, roleKeys, publishAt, dto.expiresAt ?? null, dto.pinned ?? false, actor.id, actor.departmentId],
      );
      await this.audit.record(m, actor, 'create', 'notice', row.id, [
        { field: 'title', old: null, new: row.title },
        { field: 'audience', old: null, new: row.audience },
      ]);
      return toResponse(row);
    });
  }

  /** The reader's notices (pinned first, newest first) and their unread count. */
  async feed(reader: AuthUser, onlyUnread = false, limit = 50): Promise<NoticeListResponse> {
    const rows: Row[] = await this.ds.query(
      `SELECT n.*, (r.user_id IS NOT NULL) AS read FROM notices n LEFT JOIN notice_reads r ON r.notice_id = n.id AND r.user_id = $1
        WHERE ${VISIBLE} ${onlyUnread ? 'AND r.user_id IS NULL' : ''}
        ORDER BY n.pinned DESC, n.publish_at DESC, n.id DESC LIMIT $4`,
      [...this.params(reader), limit],
    );
    const files = await this.attachmentsOf(rows.map((r) => r.id));
    return { data: rows.map((r) => toResponse(r, files.get(r.id))), unread: await this.unreadCount(reader) };
  }

  async unreadCount(reader: AuthUser): Promise<number> {
    const [r]: { n: number }[] = await this.ds.query(
      `SELECT count(*)::int AS n FROM notices n WHERE ${VISIBLE} AND NOT EXISTS (SELECT 1 FROM notice_reads r WHERE r.notice_id = n.id AND r.user_id = $1)`,
      this.params(reader),
    );
    return r.n;
  }

  /** One notice for its reader (404 outside the audience); publishers (notices read) see every notice in their scope. */
  async get(reader: AuthUser, id: string): Promise<NoticeResponse> {
    const row = await this.readable(reader, id);
    return toResponse(row, (await this.attachmentsOf([id])).get(id));
  }

  /** Marks it read (idempotent; 404 outside the audience). */
  async markRead(reader: AuthUser, id: string): Promise<void> {
    const done = await this.ds.query(
      `INSERT INTO notice_reads (notice_id, user_id) SELECT n.id, $1 FROM notices n WHERE n.id = $4 AND ${VISIBLE} ON CONFLICT DO NOTHING RETURNING notice_id`,
      [...this.params(reader), id],
    );
    if (!done.length) await this.readable(reader, id); // already read: fine; not visible: 404
  }

  /** Who of the audience has and has not read it (publishers: notices read, the notice in their scope). */
  async receipts(actor: AuthUser, id: string): Promise<NoticeReceiptsResponse> {
    const n = await this.managed(actor, 'read', id);
    if (!n) throw notFound('notice');
    const audience = await this.users.audience({ everyone: n.audience === 'everyone', departmentIds: n.department_ids, roleKeys: n.role_keys });
    const reads: { user_id: string; read_at: Date }[] = await this.ds.query(`SELECT user_id, read_at FROM notice_reads WHERE notice_id = $1 ORDER BY read_at, user_id`, [id]);
    const at = new Map(reads.map((r) => [r.user_id, r.read_at]));
    return {
      read: audience.filter((u) => at.has(u.id)).map((u) => ({ ...u, readAt: at.get(u.id)! })).sort((a, b) => a.readAt.getTime() - b.readAt.getTime()),
      unread: audience.filter((u) => !at.has(u.id)).map((u) => ({ ...u, readAt: null })),
    };
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.manage(actor, 'delete', id, m);
      const rows: { title: string }[] = await m.query(`UPDATE notices SET deleted_at = now(), version = version + 1 WHERE id = $1 AND deleted_at IS NULL RETURNING title`, [id]);
      if (!rows.length) throw notFound('notice');
      await this.audit.record(m, actor, 'delete', 'notice', id, [{ field: 'title', old: rows[0].title, new: null }]);
    });
  }

  // ---- attachments: through core/files (413/415 there); readers of the notice download them ----

  async listAttachments(reader: AuthUser, id: string): Promise<AttachmentResponse[]> {
    await this.readable(reader, id);
    return (await this.attachmentsOf([id])).get(id) ?? [];
  }

  async addAttachment(actor: AuthUser, id: string, file: UploadedFileInput | undefined): Promise<AttachmentResponse> {
    return this.ds.transaction(async (m) => {
      await this.manage(actor, 'update', id, m);
      const a = await this.attachments.add(actor, KIND, id, file, m);
      await m.query(`UPDATE notices SET version = version + 1, updated_at = now() WHERE id = $1`, [id]);
      await this.audit.record(m, actor, 'attach', 'notice', id, [{ field: 'attachments', old: null, new: a.fileName }]);
      return toAttachmentResponse(a, await this.users.namesByIds([actor.id], m));
    });
  }

  /** The file for a reader of the notice (its audience, or a publisher in scope); 404 for anyone else. */
  async readAttachment(reader: AuthUser, id: string, attachmentId: string): Promise<AttachmentBody> {
    await this.readable(reader, id);
    return this.attachments.read(KIND, id, attachmentId);
  }

  async removeAttachment(actor: AuthUser, id: string, attachmentId: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      await this.manage(actor, 'update', id, m);
      const a = await this.attachments.remove(KIND, id, attachmentId, m);
      await m.query(`UPDATE notices SET version = version + 1, updated_at = now() WHERE id = $1`, [id]);
      await this.audit.record(m, actor, 'detach', 'notice', id, [{ field: 'attachments', old: a.fileName, new: null }]);
    });
  }
}
