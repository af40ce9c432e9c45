import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { conflict, DomainError, notFound } from '@core/http/domain-error';
import { UsersService } from '@modules/admin/users/users.service';
import {
  CreateKbArticleDto,
  KbArticlePage,
  KbArticleResponse,
  KbVersionList,
  KbVersionResponse,
  KbViewResult,
  KbVoteResult,
  PublicKbArticle,
  PublicKbArticlePage,
  PublicKbQueryDto,
  QueryKbArticlesDto,
  UpdateKbArticleDto,
} from './dto/kb-article.dto';
import { KbArticleQueries, KB_LIST_SPEC } from './kb-article-queries';
import { KbArticle } from './kb-article.entity';
import { KbNames, toKbArticleListItem, toKbArticleResponse, toPublicKbArticle, toPublicKbArticleItem } from './kb-article.mapper';
import { KbCategoriesService } from './kb-categories.service';
import { renderMarkdown } from './kb-markdown';
import { allowedKbStatuses } from './kb-status';
import { KbErrorCode } from './knowledge-base.errors';

const PUBLIC_SPEC = { ...KB_LIST_SPEC, sortable: { updatedAt: KB_LIST_SPEC.sortable.updatedAt, title: KB_LIST_SPEC.sortable.title } };

/** Articles: CRUD with status rules and version history, votes, views, and the public help center's reads. */
@Injectable()
export class KbArticlesService {
  private readonly store: RecordStore<KbArticle>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
    private readonly queries: KbArticleQueries,
    private readonly categories: KbCategoriesService,
    private readonly users: UsersService,
  ) {
    this.store = new RecordStore(ds, audit, KbArticle, { entityType: 'kb_article', module: 'knowledge', alias: 'a' });
  }

  async list(_actor: AuthUser, query: QueryKbArticlesDto): Promise<KbArticlePage> {
    const page = await this.queries.list(query);
    const names = await this.names(page.data);
    return { data: page.data.map((a) => toKbArticleListItem(a, names, page.snippets.get(a.id) ?? null)), nextCursor: page.nextCursor, total: page.total, totalIsEstimate: page.totalIsEstimate };
  }

  async get(actor: AuthUser, id: string): Promise<KbArticleResponse> {
    const a = await this.store.get(null, id);
    const [vote]: { helpful: boolean }[] = await this.ds.query(`SELECT helpful FROM kb_article_votes WHERE article_id = $1 AND user_id = $2`, [id, actor.id]);
    return toKbArticleResponse(a, await this.names([a]), vote ? vote.helpful : null);
  }

  async create(actor: AuthUser, dto: CreateKbArticleDto): Promise<KbArticleResponse> {
    const saved = await this.store.transaction(async (m) => {
      if (dto.categoryId) await this.categories.assertExists(m, dto.categoryId);
      const status = dto.status ?? 'draft';
      return this.store.create(
        actor,
        {
          title: dto.title,
          summary: dto.summary ?? null,
          body: dto.body,
          tags: dto.tags ?? [],
          categoryId: dto.categoryId ?? null,
          status,
          visibility: dto.visibility ?? 'internal',
          authorId: actor.id,
          contentBy: actor.id,
          contentAt: new Date(),
          publishedAt: status === 'published' ? new Date() : null,
        },
        m,
      );
    });
    return this.get(actor, saved.id);
  }

  /**
   * Edits and status moves. A save that changes title, summary or body first keeps the current content as
   * version `revision` and bumps `revision`; a status outside `allowedStatuses` is a 409 with `allowed`.
   */
  async update(actor: AuthUser, id: string, dto: UpdateKbArticleDto, ifMatch?: number): Promise<KbArticleResponse> {
    const { version, ...fields } = dto;
    await this.ds.transaction(async (m) => {
      await this.store.update(
        actor,
        id,
        ifMatch ?? version,
        async (a) => {
          if (fields.status && fields.status !== a.status) {
            const allowed = allowedKbStatuses(a.status);
            if (!allowed.includes(fields.status)) {
              throw conflict(KbErrorCode.KB_ILLEGAL_TRANSITION, `An article in status ${a.status} cannot become ${fields.status}; allowed: ${allowed.join(', ')}`, undefined, { allowed }, {
                params: { status: a.status, to: fields.status, allowed: allowed.join(', ') },
              });
            }
            if (fields.status === 'published' && !a.publishedAt) a.publishedAt = new Date();
            a.status = fields.status;
          }
          if (fields.categoryId !== undefined && fields.categoryId !== a.categoryId) {
            if (fields.categoryId) await this.categories.assertExists(m, fields.categoryId);
            a.categoryId = fields.categoryId ?? null;
          }
          if (fields.visibility) a.visibility = fields.visibility;
          if (fields.tags) a.tags = fields.tags;
          const next = { title: fields.title ?? a.title, summary: fields.summary !== undefined ? (fields.summary ?? null) : a.summary, body: fields.body ?? a.body };
          if (next.title !== a.title || next.summary !== a.summary || next.body !== a.body) {
            await this.keepVersion(m, a, actor);
            Object.assign(a, next, { revision: a.revision + 1, contentBy: actor.id, contentAt: new Date() });
          }
        },
        m,
      );
    });
    return this.get(actor, id);
  }

  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.store.softDelete(actor, id, ifMatch);
  }

  async versions(id: string): Promise<KbVersionList> {
    await this.store.get(null, id);
    const rows = await this.versionRows(id);
    const names = await this.users.namesByIds(rows.map((r) => r.edited_by));
    return { data: rows.map((r) => versionSummary(r, names)) };
  }

  /** A previous version, or the current content when `n` is the article's `revision`. */
  async version(id: string, n: number): Promise<KbVersionResponse> {
    const a = await this.store.get(null, id);
    const [row] = n === a.revision ? [currentAsVersion(a)] : await this.versionRows(id, n);
    if (!row) throw new DomainError(KbErrorCode.KB_VERSION_NOT_FOUND, HttpStatus.NOT_FOUND, `The article has no version ${n}`, undefined, undefined, { params: { n } });
    const names = await this.users.namesByIds([row.edited_by]);
    return { ...versionSummary(row, names), body: row.body, bodyHtml: renderMarkdown(row.body) };
  }

  /** One UPDATE, no row read first and no version bump: concurrent readers only queue on the row for a moment. */
  async view(id: string): Promise<KbViewResult> {
    const [rows]: [{ view_count: string }[]] = await this.ds.query(`UPDATE kb_articles SET view_count = view_count + 1 WHERE id = $1 AND deleted_at IS NULL RETURNING view_count`, [id]);
    if (!rows.length) throw notFound('kb_article');
    return { viewCount: Number(rows[0].view_count) };
  }

  /**
   * One vote per user and article. The vote row decides what the counters move by (its insert or its row
   * lock serialises one user's parallel votes); the counters move by increments, so parallel votes of
   * different users add up exactly.
   */
  async vote(actor: AuthUser, id: string, helpful: boolean | null): Promise<KbVoteResult> {
    return this.ds.transaction(async (m) => {
      await this.store.get(null, id, m);
      let delta = { yes: 0, no: 0 };
      const inserted: unknown[] =
        helpful === null
          ? []
          : await m.query(`INSERT INTO kb_article_votes (article_id, user_id, helpful) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`, [id, actor.id, helpful]);
      if (inserted.length) {
        delta = helpful ? { yes: 1, no: 0 } : { yes: 0, no: 1 };
      } else {
        const [old]: { helpful: boolean }[] = await m.query(`SELECT helpful FROM kb_article_votes WHERE article_id = $1 AND user_id = $2 FOR UPDATE`, [id, actor.id]);
        if (old && old.helpful !== helpful) {
          if (helpful === null) await m.query(`DELETE FROM kb_article_votes WHERE article_id = $1 AND user_id = $2`, [id, actor.id]);
          else await m.query(`UPDATE kb_article_votes SET helpful = $3, voted_at = now() WHERE article_id = $1 AND user_id = $2`, [id, actor.id, helpful]);
          delta = { yes: (helpful ? 1 : 0) - (old.helpful ? 1 : 0), no: (helpful === false ? 1 : 0) - (old.helpful ? 0 : 1) };
        }
      }
      const [rows]: [{ helpful_count: number; not_helpful_count: number }[]] = await m.query(
        `UPDATE kb_articles SET helpful_count = helpful_count + $2, not_helpful_count = not_helpful_count + $3 WHERE id = $1 RETURNING helpful_count, not_helpful_count`,
        [id, delta.yes, delta.no],
      );
      return { helpfulCount: rows[0].helpful_count, notHelpfulCount: rows[0].not_helpful_count, myVote: helpful };
    });
  }

  preview(body: string): { html: string } {
    return { html: renderMarkdown(body) };
  }

  async publicList(query: PublicKbQueryDto): Promise<PublicKbArticlePage> {
    const page = await this.queries.list({ ...query, status: 'published', visibility: 'public' }, PUBLIC_SPEC);
    const names = await this.names(page.data);
    return { data: page.data.map((a) => toPublicKbArticleItem(a, names, page.snippets.get(a.id) ?? null)), nextCursor: page.nextCursor, total: page.total, totalIsEstimate: page.totalIsEstimate };
  }

  /** A published public article (404 for anything else); reading it counts a view. */
  async publicGet(id: string): Promise<PublicKbArticle> {
    const [rows]: [{ id: string }[]] = await this.ds.query(
      `UPDATE kb_articles SET view_count = view_count + 1 WHERE id = $1 AND deleted_at IS NULL AND status = 'published' AND visibility = 'public' RETURNING id`,
      [id],
    );
    if (!rows.length) throw notFound('kb_article');
    const a = await this.store.get(null, id);
    return toPublicKbArticle(a, await this.names([a]));
  }

  private async keepVersion(m: EntityManager, a: KbArticle, actor: AuthUser): Promise<void> {
    await m.query(
      `INSERT INTO kb_article_versions (article_id, number, title, summary, body, edited_by, edited_at, replaced_by, replaced_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
      [a.id, a.revision, a.title, a.summary, a.body, a.contentBy, a.contentAt, actor.id],
    );
  }

  private versionRows(id: string, n?: number): Promise<VersionRow[]> {
    return this.ds.query(
      `SELECT number, title, summary, body, edited_by, edited_at, replaced_at FROM kb_article_versions
        WHERE article_id = $1 AND ($2::int IS NULL OR number = $2) ORDER BY number DESC`,
      [id, n ?? null],
    );
  }

  private async names(rows: KbArticle[]): Promise<KbNames> {
    const [users, categories] = await Promise.all([this.users.namesByIds(rows.map((a) => a.authorId)), this.categories.namesByIds(rows.map((a) => a.categoryId))]);
    return { users, categories };
  }
}

interface VersionRow {
  number: number;
  title: string;
  summary: string | null;
  body: string;
  edited_by: string | null;
  edited_at: Date;
  replaced_at: Date | null;
}

function currentAsVersion(a: KbArticle): VersionRow {
  return { number: a.revision, title: a.title, summary: a.summary, body: a.body, edited_by: a.contentBy, edited_at: a.contentAt, replaced_at: null };
}

function versionSummary(r: VersionRow, names: Map<string, string>) {
  return {
    number: r.number,
    title: r.title,
    summary: r.summary,
    editedBy: r.edited_by,
    editedByName: r.edited_by ? (names.get(r.edited_by) ?? null) : null,
    editedAt: r.edited_at,
    replacedAt: r.replaced_at,
  };
}
