import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { badRequest, conflict } from '@core/http/domain-error';
import { CreateProductCategoryDto, ProductCategoryList, ProductCategoryResponse, UpdateProductCategoryDto } from './dto/product-category.dto';
import { ProductCategory } from './product-category.entity';
import { ProductErrorCode } from './products.errors';

/** The product category tree: a company catalogue (no owner), changed by holders of the products grants. */
@Injectable()
export class ProductCategoriesService {
  private readonly store: RecordStore<ProductCategory>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
  ) {
    this.store = new RecordStore(ds, audit, ProductCategory, { entityType: 'product_category', module: 'products', alias: 'pc' });
  }

  /** The whole tree, depth-first, with the number of products directly in each node. */
  async list(): Promise<ProductCategoryList> {
    const rows: { id: string; name: string; name_en: string | null; parent_id: string | null; sort_order: number; depth: number; version: number; products: number }[] =
      await this.ds.query(
        `WITH RECURSIVE tree AS (
           SELECT c.*, 0 AS depth, ARRAY[lpad(c.sort_order::text, 6, '0') || c.name || c.id::text] AS path
             FROM product_categories c WHERE c.parent_id IS NULL AND c.deleted_at IS NULL
           UNION ALL
           SELECT c.*, t.depth + 1, t.path || (lpad(c.sort_order::text, 6, '0') || c.name || c.id::text)
             FROM product_categories c JOIN tree t ON c.parent_id = t.id
            WHERE c.deleted_at IS NULL AND t.depth < 20
         )
         SELECT t.id, t.name, t.name_en, t.parent_id, t.sort_order, t.depth, t.version,
                (SELECT count(*)::int FROM products p WHERE p.category_id = t.id AND p.deleted_at IS NULL) AS products
           FROM tree t ORDER BY t.path`,
      );
    return {
      data: rows.map((r) => ({
        id: r.id,
        name: r.name,
        nameEn: r.name_en,
        parentId: r.parent_id,
        sortOrder: r.sort_order,
        depth: r.depth,
        productCount: r.products,
        version: r.version,
      })),
    };
  }

  /** Ids of the category and every category below it (product list filter). */
  async subtreeIds(id: string, m: EntityManager = this.ds.manager): Promise<string[]> {
    const rows: { id: string }[] = await m.query(
      `WITH RECURSIVE down AS (
         SELECT id, 0 AS depth FROM product_categories WHERE id = $1 AND deleted_at IS NULL
         UNION ALL SELECT c.id, d.depth + 1 FROM product_categories c JOIN down d ON c.parent_id = d.id WHERE c.deleted_at IS NULL AND d.depth < 20
       ) SELECT id FROM down`,
      [id],
    );
    return rows.map((r) => r.id);
  }

  /** Chinese and English names of categories by id. */
  async namesByIds(ids: (string | null)[], m: EntityManager = this.ds.manager): Promise<Map<string, { name: string; nameEn: string | null }>> {
    const unique = [...new Set(ids.filter((i): i is string => !!i))];
    if (!unique.length) return new Map();
    const rows: { id: string; name: string; name_en: string | null }[] = await m.query(`SELECT id, name, name_en FROM product_categories WHERE id = ANY($1)`, [unique]);
    return new Map(rows.map((r) => [r.id, { name: r.name, nameEn: r.name_en }]));
  }

  /**
   * Live category ids by name, Chinese or English, case-insensitive, keyed by the given spelling (imports
   * name categories). Two categories of one name: the older one.
   */
  async idsByName(names: string[], m: EntityManager = this.ds.manager): Promise<Map<string, string>> {
    const wanted = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
    if (!wanted.length) return new Map();
    const rows: { id: string; name: string; name_en: string | null }[] = await m.query(
      `SELECT id, lower(name) AS name, lower(name_en) AS name_en FROM product_categories
        WHERE deleted_at IS NULL AND (lower(name) = ANY($1::text[]) OR lower(name_en) = ANY($1::text[]))
        ORDER BY created_at DESC, id DESC`,
      [wanted.map((n) => n.toLowerCase())],
    );
    const byName = new Map<string, string>();
    for (const r of rows) for (const n of [r.name, r.name_en]) if (n) byName.set(n, r.id); // oldest last: it wins
    return new Map(wanted.flatMap((n) => (byName.has(n.toLowerCase()) ? [[n, byName.get(n.toLowerCase())!] as const] : [])));
  }

  /** 400 PRODUCT_UNKNOWN_CATEGORY unless the category is live. */
  async assertExists(m: EntityManager, id: string, field = 'categoryId'): Promise<void> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM product_categories WHERE id = $1 AND deleted_at IS NULL`, [id]);
    if (!rows.length) throw badRequest(ProductErrorCode.PRODUCT_UNKNOWN_CATEGORY, field, `${field} is not a product category`);
  }

  async create(actor: AuthUser, dto: CreateProductCategoryDto): Promise<ProductCategoryResponse> {
    const saved = await this.store.transaction(async (m) => {
      if (dto.parentId) await this.assertExists(m, dto.parentId, 'parentId');
      return this.store.create(actor, { name: dto.name, nameEn: dto.nameEn ?? null, parentId: dto.parentId ?? null, sortOrder: dto.sortOrder ?? 0 }, m);
    }, undefined);
    return this.one(saved.id);
  }

  async update(actor: AuthUser, id: string, dto: UpdateProductCategoryDto, ifMatch?: number): Promise<ProductCategoryResponse> {
    const { version, ...fields } = dto;
    if (fields.name === null) throw badRequest('VALIDATION_FAILED', 'name', 'name cannot be empty');
    await this.ds.transaction(async (m) => {
      await this.store.update(
        actor,
        id,
        ifMatch ?? version,
        async (c) => {
          if (fields.parentId && fields.parentId !== c.parentId) {
            await this.assertExists(m, fields.parentId, 'parentId');
            if ((await this.subtreeIds(id, m)).includes(fields.parentId)) {
              throw badRequest(ProductErrorCode.PRODUCT_CATEGORY_CYCLE, 'parentId', 'parentId cannot be the category itself or one below it');
            }
          }
          Object.assign(c, fields);
        },
        m,
      );
    });
    return this.one(id);
  }

  /** Soft-deletes an empty leaf; 409 PRODUCT_CATEGORY_IN_USE with the counts otherwise. */
  async remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    await this.store.softDelete(actor, id, ifMatch, async (_c, m) => {
      const [row]: { products: number; children: number }[] = await m.query(
        `SELECT (SELECT count(*)::int FROM products WHERE category_id = $1 AND deleted_at IS NULL) AS products,
                (SELECT count(*)::int FROM product_categories WHERE parent_id = $1 AND deleted_at IS NULL) AS children`,
        [id],
      );
      if (row.products || row.children) {
        throw conflict(ProductErrorCode.PRODUCT_CATEGORY_IN_USE, `The category still holds ${row.products} products and ${row.children} sub-categories`, undefined, {
          related: { products: row.products, categories: row.children },
        });
      }
    });
  }

  private async one(id: string): Promise<ProductCategoryResponse> {
    return (await this.list()).data.find((c) => c.id === id)!;
  }
}
