import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { badRequest, conflict } from '@core/http/domain-error';
import { CreateKbCategoryDto, KbCategoryList, KbCategoryResponse, UpdateKbCategoryDto } from './dto/kb-category.dto';
import { KbCategory } from './kb-category.entity';
import { KbErrorCode } from './knowledge-base.errors';

/** The knowledge base's category tree (no owner: changed by holders of the knowledge grants). */
@Injectable()
export class KbCategoriesService {
  private readonly store: RecordStore<KbCategory>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
  ) {
    this.store = new RecordStore(ds, audit, KbCategory, { entityType: 'kb_category', module: 'knowledge', alias: 'kc' });
  }

  /** The whole tree, depth-first, with the number of live articles directly in each node. */
  async list(): Promise<KbCategoryList> {
    const rows: { id: string; name: string; name_en: string | null; parent_id: string | null; position: number; depth: number; version: number; articles: number }[] =
      await this.ds.query(
        `WITH RECURSIVE tree AS (
           SELECT c.*, 0 AS depth, ARRAY[lpad(c.position::text, 6, '0') || c.name || c.id::text] AS path
             FROM kb_categories c WHERE c.parent_id IS NULL AND c.deleted_at IS NULL
           UNION ALL
           SELECT c.*, t.depth + 1, t.path || (lpad(c.position::text, 6, '0') || c.name || c.id::text)
             FROM kb_categories c JOIN tree t ON c.parent_id = t.id
            WHERE c.deleted_at IS NULL AND t.depth < 20
         ),
         counts AS (SELECT category_id, count(*)::int AS n FROM kb_articles WHERE deleted_at IS NULL AND category_id IS NOT NULL GROUP BY category_id)
         SELECT t.id, t.name, t.name_en, t.parent_id, t.position, t.depth, t.version, coalesce(n.n, 0) AS articles
           FROM tree t LEFT JOIN counts n ON n.category_id = t.id ORDER BY t.path`,
      );
    return {
      data: rows.map((r) => ({
        id: r.id,
        name: r.name,
        nameEn: r.name_en,
        parentId: r.parent_id,
        position: r.position,
        depth: r.depth,
        articleCount: r.articles,
        version: r.version,
      })),
    };
  }

  /** Ids of the category and every category below it. */
  async subtreeIds(id: string, m: EntityManager = this.ds.manager): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `WITH RECURSIVE down AS (
         SELECT id, 0 AS depth FROM kb_categories WHERE id = $1 AND deleted_at IS NULL
         UNION ALL SELECT c.id, d.depth + 1 FROM kb_categories c JOIN down d ON c.parent_id = d.id WHERE c.deleted_at IS NULL AND d.depth < 20
       ) SELECT id FROM down`,
      [id],
    );
    return rows.map((r) => r.id);
  }

  async namesByIds(ids: (string | null)[], m: EntityManager = this.ds.manager): Promise<Map<string, { name: string; nameEn: string | null }>> {
    const unique = [...new Set(ids.filter((i): i is string => !!i))];
    if (!unique.length) return new Map();
    const rows: { id: string; name: string; name_en: string | null }[] = await m.query(`SELECT id, name, name_en FROM kb_categories WHERE id = ANY($1)`, [unique]);
    return new Map(rows.map((r) => [r.id, { name: r.name, nameEn: r.name_en }]));
  }

  /** 400 KB_UNKNOWN_CATEGORY unless the category is live. */
  async assertExists(m: EntityManager, id: string, field = 'categoryId'): Promise<void> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM kb_categories WHERE id = $1 AND deleted_at IS NULL`, [id]);
    if (!rows.length) throw badRequest(KbErrorCode.KB_UNKNOWN_CATEGORY, field, `${field} is not a knowledge base category`);
  }

  async create(actor: AuthUser, dto: CreateKbCategoryDto): Promise<KbCategoryResponse> {
    const saved = await this.store.transaction(async (m) => {
      if (dto.parentId) await this.assertExists(m, dto.parentId, 'parentId');
      return this.store.create(actor, { name: dto.name, nameEn: dto.nameEn ?? null, parentId: dto.parentId ?? null, position: dto.position ?? 0 }, m);
    });
    return this.one(saved.id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateKbCategoryDto, ifMatch?: number): Promise<KbCategoryResponse> {
    const { version, ...fields } = dto;
    if (fields.name === null) throw badRequest('VALIDATION_FAILED', 'name', 'name cannot be empty', { fieldCode: 'required' });
    await this.ds.transaction(async (m) => {
      await this.store.update(
        actor,
        id,
        ifMatch ?? version,
        async (c) => {
          if (fields.parentId && fields.parentId !== c.parentId) {
            await this.assertExists(m, fields.parentId, 'parentId');
            if ((await this.subtreeIds(id, m)).includes(fields.parentId)) {
              throw badRequest(KbErrorCode.KB_CATEGORY_CYCLE, 'parentId', 'parentId cannot be the category itself or one below it');
            }
          }
          Object.assign(c, fields);
        },
        m,
      );
    });
    return this.one(id);
  }

  /** Soft-deletes an empty category; 409 KB_CATEGORY_IN_USE with the counts otherwise. */
  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.store.softDelete(actor, id, ifMatch, async (_c, m) => {
      const [row]: { articles: number; children: number }[] = await m.query(
        `SELECT (SELECT count(*)::int FROM kb_articles WHERE category_id = $1 AND deleted_at IS NULL) AS articles,
                (SELECT count(*)::int FROM kb_categories WHERE parent_id = $1 AND deleted_at IS NULL) AS children`,
        [id],
      );
      if (row.articles || row.children) {
        throw conflict(KbErrorCode.KB_CATEGORY_IN_USE, `The category still holds ${row.articles} articles and ${row.children} sub-categories`, undefined, {
          related: { articles: row.articles, categories: row.children },
        }, { params: { articles: row.articles, categories: row.children } });
      }
    });
  }

  private async one(id: string): Promise<KbCategoryResponse> {
    return (await this.list()).data.find((c) => c.id === id)!;
  }
}
