import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import Decimal from 'decimal.js';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@core/audit/audit.service';
import type { AuthUser } from '@core/auth/auth-user';
import { RecordStore } from '@core/crud/record-store';
import { CsvLocale, exportFormat, streamExport } from '@core/http/csv-export';
import { badRequest } from '@core/http/domain-error';
import { ListSpec, Page } from '@core/http/keyset';
import { ExportProductsDto, PriceTierDto, ProductResponse, QueryProductsDto, UpdateProductDto, CreateProductDto } from './dto/product.dto';
import { PRODUCT_FIELDS } from './dto/product-fields';
import { PriceTier, Product } from './product.entity';
import { ProductCategoriesService } from './product-categories.service';
import { ProductErrorCode } from './products.errors';
import type { ResolvedDocumentLine } from '@core/money/document-lines';
import { type DocumentLineCodes, type DocumentLineInput, resolveDocumentLines } from './document-lines';

const PRODUCT_LIST: ListSpec = {
  idColumn: 'p.id',
  defaultSort: '-createdAt',
  sortable: {
    createdAt: { column: 'p.created_at', value: (p: Product) => p.createdAt },
    name: { column: 'p.name', value: (p: Product) => p.name },
    sku: { column: 'p.sku', value: (p: Product) => p.sku },
    listPrice: { column: 'p.list_price', value: (p: Product) => p.listPrice },
  },
  search: ['p.search_text'],
  filters: { active: 'p.active', currency: 'p.currency' },
};

/** What a quote line takes from a product when it names one. */
export interface ProductLineDefaults {
  id: string;
  sku: string;
  name: string;
  nameEn: string | null;
  unit: string;
  currency: string;
  taxRate: string;
  active: boolean;
  /** The unit price for `quantity`: the highest tier reached, else the list price. */
  unitPriceFor: (quantity: string) => string;
}

/**
 * The product catalogue (产品): the company's items with SKU, names in both languages, prices, tax
 * rate and volume tiers. Not an owned record: every holder of the products grant sees all of it.
 */
@Injectable()
export class ProductsService {
  private readonly store: RecordStore<Product>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    audit: AuditService,
    private readonly categories: ProductCategoriesService,
  ) {
    this.store = new RecordStore(ds, audit, Product, { entityType: 'product', module: 'products', alias: 'p' });
    // quote and opportunity line histories name their products (the catalogue is not scoped)
    audit.registerNames('product', async (_reader, ids, m) => {
      const rows: { id: string; label: string }[] = await m.query(`SELECT id, sku || ' ' || name AS label FROM products WHERE id = ANY($1::uuid[])`, [ids]);
      return new Map(rows.map((r) => [r.id, r.label]));
    });
  }

  async list(actor: AuthUser, query: QueryProductsDto): Promise<Page<ProductResponse>> {
    const { categoryId, ...rest } = query;
    const qb = this.store.query(actor);
    if (categoryId) qb.andWhere('p.category_id = ANY(:cats)', { cats: await this.categories.subtreeIds(categoryId) });
    const q = rest.q?.trim().toLowerCase();
    const page = await this.store.list(actor, { ...rest, q: q || undefined }, PRODUCT_LIST, qb);
    return { ...page, data: await this.toResponses(page.data) };
  }

  exportCsv(actor: AuthUser, query: ExportProductsDto, res: Response, locale: CsvLocale): Promise<void> {
    const { format, lang: _lang, ...filters } = query;
    return streamExport(res, 'products', exportFormat(format, res.req), PRODUCT_FIELDS, locale, (cursor) =>
      this.list(actor, { ...filters, cursor, limit: 1000 } as QueryProductsDto),
    );
  }

  async get(actor: AuthUser, id: string): Promise<ProductResponse> {
    return (await this.toResponses([await this.store.get(actor, id)]))[0];
  }

  async create(actor: AuthUser, dto: CreateProductDto): Promise<ProductResponse> {
    const saved = await this.ds.transaction((m) => this.createInTx(actor, m, dto));
    return this.get(actor, saved.id);
  }

  /** Creates a product in the caller's transaction (the API and imports). */
  async createInTx(actor: AuthUser, m: EntityManager, dto: CreateProductDto): Promise<Product> {
    if (dto.categoryId) await this.categories.assertExists(m, dto.categoryId);
    return this.store.create(
      actor,
      {
        sku: dto.sku,
        name: dto.name,
        nameEn: dto.nameEn ?? null,
        categoryId: dto.categoryId ?? null,
        unit: dto.unit ?? '个',
        listPrice: dto.listPrice,
        currency: dto.currency ?? 'CNY',
        cost: dto.cost ?? null,
        taxRate: dto.taxRate ?? '13',
        active: dto.active ?? true,
        description: dto.description ?? null,
        priceTiers: normalizeTiers(dto.priceTiers),
      },
      m,
    );
  }

  async update(actor: AuthUser, id: string, dto: UpdateProductDto, ifMatch?: number): Promise<ProductResponse> {
    await this.ds.transaction((m) => this.updateInTx(actor, m, id, dto, ifMatch));
    return this.get(actor, id);
  }

  /** Applies a PATCH in the caller's transaction (the API and imports). */
  async updateInTx(actor: AuthUser, m: EntityManager, id: string, dto: UpdateProductDto, ifMatch?: number): Promise<Product> {
    const { version, priceTiers, ...fields } = dto;
    for (const f of ['sku', 'name', 'unit', 'listPrice', 'currency', 'taxRate', 'active'] as const) {
      if (fields[f] === null) throw badRequest('VALIDATION_FAILED', f, `${f} cannot be empty`);
    }
    return this.store.update(
      actor,
      id,
      ifMatch ?? version,
      async (p) => {
        if (fields.categoryId && fields.categoryId !== p.categoryId) await this.categories.assertExists(m, fields.categoryId);
        Object.assign(p, fields);
        if (priceTiers !== undefined) p.priceTiers = normalizeTiers(priceTiers ?? []);
      },
      m,
    );
  }

  /** A live product, in the caller's transaction. */
  getInTx(actor: AuthUser, id: string, m: EntityManager): Promise<Product> {
    return this.store.get(actor, id, m);
  }

  /** Live product ids by SKU (case-insensitive, as the unique index), keyed by the given spelling. */
  async idsBySku(skus: string[], m: EntityManager = this.ds.manager): Promise<Map<string, string>> {
    const wanted = [...new Set(skus.filter(Boolean))];
    if (!wanted.length) return new Map();
    const rows: { id: string; sku: string }[] = await m.query(
      `SELECT id, lower(sku) AS sku FROM products WHERE deleted_at IS NULL AND lower(sku) = ANY($1::text[])`,
      [wanted.map((v) => v.toLowerCase())],
    );
    const byLower = new Map(rows.map((r) => [r.sku, r.id]));
    return new Map(wanted.flatMap((v) => (byLower.has(v.toLowerCase()) ? [[v, byLower.get(v.toLowerCase())!] as const] : [])));
  }

  /**
   * Serializes writers of the same SKUs until the transaction ends (imports racing the API or each
   * other): one transaction-scoped advisory lock per SKU, taken in sorted order so two never deadlock.
   */
  async lockSkus(m: EntityManager, skus: string[]): Promise<void> {
    const keys = [...new Set(skus.filter(Boolean).map((v) => v.toLowerCase()))].sort();
    if (!keys.length) return;
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('product-sku:' || k, 0)) FROM unnest($1::text[]) AS k ORDER BY k`, [keys]);
  }

  /** Category ids by name (Chinese or English, case-insensitive), for imports naming a category. */
  categoryIdsByName(names: string[], m: EntityManager = this.ds.manager): Promise<Map<string, string>> {
    return this.categories.idsByName(names, m);
  }

  /** Soft-deletes live products among `ids` (an import's revert); answers the ids removed. */
  async removeManyInTx(m: EntityManager, actor: AuthUser, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const live = (await this.store.query(actor, m).andWhere('p.id IN (:...ids)', { ids }).select('p.id').getMany()).map((p) => p.id);
    await this.store.softDeleteMany(actor, live, m);
    return live;
  }

  remove(actor: AuthUser, id: string, ifMatch?: number): Promise<void> {
    return this.store.softDelete(actor, id, ifMatch);
  }

  /** What quote lines take from these live products (no actor: the catalogue is not scoped). */
  async lineDefaults(ids: string[], m: EntityManager = this.ds.manager): Promise<Map<string, ProductLineDefaults>> {
    const unique = [...new Set(ids.filter(Boolean))];
    if (!unique.length) return new Map();
    const rows = await this.store.query(null, m).andWhere('p.id IN (:...ids)', { ids: unique }).getMany();
    return new Map(
      rows.map((p) => [
        p.id,
        {
          id: p.id,
          sku: p.sku,
          name: p.name,
          nameEn: p.nameEn,
          unit: p.unit,
          currency: p.currency,
          taxRate: p.taxRate,
          active: p.active,
          unitPriceFor: (quantity: string) => tierPrice(p, quantity),
        },
      ]),
    );
  }

  /** A document's priced lines with product defaults and the shared line rules (see document-lines.ts). */
  async resolveDocumentLines(m: EntityManager, input: DocumentLineInput[], currency: string, codes: DocumentLineCodes, noun: string): Promise<ResolvedDocumentLine[]> {
    const products = await this.lineDefaults(input.map((l) => l.productId ?? '').filter(Boolean), m);
    return resolveDocumentLines(products, input, currency, codes, noun);
  }

  /** The currency of a product of these lines priced in another currency than `currency`, if any. */
  async otherLineCurrency(m: EntityManager, productIds: (string | null)[], currency: string): Promise<string | null> {
    const products = await this.lineDefaults(productIds.filter((id): id is string => !!id), m);
    return [...products.values()].find((p) => p.currency !== currency)?.currency ?? null;
  }

  /** Live products, oldest first (demo seeders of other modules). */
  demoSample(m: EntityManager, limit = 50): Promise<Product[]> {
    return this.store.query(null, m).orderBy('p.created_at').addOrderBy('p.sku').limit(limit).getMany();
  }

  private async toResponses(rows: Product[]): Promise<ProductResponse[]> {
    const names = await this.categories.namesByIds(rows.map((p) => p.categoryId));
    return rows.map((p) => ({
      id: p.id,
      sku: p.sku,
      name: p.name,
      nameEn: p.nameEn,
      categoryId: p.categoryId,
      categoryName: p.categoryId ? (names.get(p.categoryId)?.name ?? null) : null,
      categoryNameEn: p.categoryId ? (names.get(p.categoryId)?.nameEn ?? null) : null,
      unit: p.unit,
      listPrice: p.listPrice,
      currency: p.currency,
      cost: p.cost,
      taxRate: p.taxRate,
      active: p.active,
      description: p.description,
      priceTiers: p.priceTiers,
      version: p.version,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    }));
  }
}

/** Tiers sorted by quantity, exact strings; two tiers on one quantity are a 400. */
function normalizeTiers(tiers: PriceTierDto[] | undefined): PriceTier[] {
  const out = (tiers ?? []).map((t) => ({ minQuantity: new Decimal(t.minQuantity).toFixed(4), unitPrice: new Decimal(t.unitPrice).toFixed(2) }));
  out.sort((a, b) => new Decimal(a.minQuantity).comparedTo(b.minQuantity));
  if (out.some((t, i) => i > 0 && t.minQuantity === out[i - 1].minQuantity)) {
    throw badRequest(ProductErrorCode.PRODUCT_INVALID_TIERS, 'priceTiers', 'two price tiers start at the same quantity');
  }
  return out;
}

function tierPrice(p: Product, quantity: string): string {
  let price = p.listPrice;
  for (const t of p.priceTiers ?? []) if (new Decimal(quantity).gte(t.minQuantity)) price = t.unitPrice;
  return new Decimal(price).toFixed(2);
}
