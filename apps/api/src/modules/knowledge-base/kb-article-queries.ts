import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { badRequest } from '@core/http/domain-error';
import { countMatches, EXACT_COUNT_CAP, ListSpec, paginate } from '@core/http/keyset';
import { ListQueryDto } from '@core/http/list-query.dto';
import { KbArticle } from './kb-article.entity';
import { KbCategoriesService } from './kb-categories.service';
import { highlightSnippet, findHits, markdownText, parseKbQuery } from './kb-search';
import type { KbArticleStatus, KbVisibility } from './kb-status';

export const KB_LIST_SPEC: ListSpec = {
  idColumn: 'a.id',
  defaultSort: '-updatedAt',
  sortable: {
    updatedAt: { column: 'a.updated_at', value: (a: KbArticle) => a.updatedAt },
    title: { column: 'a.title', value: (a: KbArticle) => a.title },
    viewCount: { column: 'a.view_count', value: (a: KbArticle) => a.viewCount },
  },
};

export interface KbListFilters {
  status?: KbArticleStatus;
  visibility?: KbVisibility;
  categoryId?: string;
  tag?: string;
  authorId?: string;
}

export interface KbListPage {
  data: KbArticle[];
  snippets: Map<string, string>;
  nextCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
}

const RELEVANCE = 'relevance';
/** English words → their stems (the snippets' marks); bounded. */
const STEMS = new Map<string, string[]>();

interface KbSearchSql {
  /** What matches: the GIN condition on `search_vector`, and each phrase somewhere in the text. */
  where: string;
  /** The GIN condition alone (no phrase check, so no body is read). */
  indexed: string;
  /** Every term in the title (`title_vector`, with its own statistics: migration 1765720000000) and each phrase in it. */
  inTitle: string;
  /** Every term in title + summary (`head_vector`) and each phrase in them: implies `where`, reads no body. */
  inHead: string;
  params: Record<string, unknown>;
  terms: string[];
  /** More than one piece ANDed (a phrase's bigrams, several words): the planner multiplies their frequencies and underestimates. */
  compound: boolean;
}

/**
 * Rows of the views order a compound search's title and head tiers look at before they fall back to the
 * GIN bitmap: a phrase in ≥ ~1 % of articles fills a page of 20 within them (申请退款, 2.5 % of titles: 1,127
 * rows). A rare one pays the walk before the bitmap: ~1 heap page per row (at 50,000 articles, 4,000 rows cost
 * 7 ms warm and 300 ms cold per tier, hence not more).
 */
const WALK_PREFIX = 2000;

/**
 * Article lists and search (SQL of the kb_articles table). With `q` and no `sort`, results are ranked:
 * title matches first, then title + summary matches, then body matches, the most viewed first within each
 * (keyset-paged on tier, views, id); see `ranked`.
 */
@Injectable()
export class KbArticleQueries {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly categories: KbCategoriesService,
  ) {}

  async list(query: ListQueryDto & KbListFilters, spec: ListSpec = KB_LIST_SPEC): Promise<KbListPage> {
    const qb = this.ds.getRepository(KbArticle).createQueryBuilder('a');
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (query.visibility) qb.andWhere('a.visibility = :visibility', { visibility: query.visibility });
    if (query.authorId) qb.andWhere('a.author_id = :authorId', { authorId: query.authorId });
    if (query.tag) qb.andWhere('a.tags @> ARRAY[:tag]::text[]', { tag: query.tag });
    if (query.categoryId) qb.andWhere('a.category_id = ANY(:cats)', { cats: await this.categories.subtreeIds(query.categoryId) });
    const q = query.q?.trim();
    if (!q) return { ...(await paginate(qb, { ...query, q: undefined }, spec)), snippets: new Map() };

    const search = this.searchSql(q);
    if (!search) return { data: [], snippets: new Map(), nextCursor: null, total: 0, totalIsEstimate: false };
    const stems = await this.stems(q);
    if (query.sort) {
      const page = await paginate(qb.andWhere(search.where, search.params), { ...query, q: undefined }, spec);
      return { ...page, snippets: this.snippets(page.data, search.terms, stems) };
    }
    return this.ranked(qb, search, stems, query.limit ?? 50, query.cursor);
  }

  /**
   * Relevance in tiers, each one bounded statement: title hits (tier 2), then title + summary hits (1), then
   * body-only matches (0); within a tier the most viewed first (keyset on tier, views, id). Tiers 2 and 1 read
   * only `title_vector`, `head_vector` and title/summary (in the row) and walk `ix_kb_articles_views` until the page is full,
   * so a word with 5,000 matches reads ~20 / (share of matches) rows, not every match (bench/README.md). Tier 0
   * runs only when the page is not full yet; it must read every body match, so its order comes from a sort
   * over the GIN bitmap (`view_count + 0`: never the views walk, which would detoast `search_vector` row by
   * row until it found enough). `total` is counted apart (countSearch).
   */
  private async ranked(base: SelectQueryBuilder<KbArticle>, search: KbSearchSql, stems: string[], limit: number, cursor?: string): Promise<KbListPage> {
    const after = cursor ? decodeRelevanceCursor(cursor) : null;
    // the total does not depend on the tiers: counted on another connection meanwhile (no extra round trip in sequence)
    const counting = this.countSearch(base, search);
    counting.catch(() => undefined); // awaited below; a tier's error must not leave it unhandled
    const tiers: { tier: number; where: string; views: string }[] = [
      { tier: 2, where: search.inTitle, views: 'a.view_count' },
      { tier: 1, where: `${search.inHead} AND NOT (${search.inTitle})`, views: 'a.view_count' },
      { tier: 0, where: `${search.where} AND NOT (${search.inHead})`, views: '(a.view_count + 0)' },
    ];
    const rows: { id: string; tier: number; views: number }[] = [];
    for (const t of tiers) {
      if (rows.length > limit) break;
      if (after && t.tier > after[0]) continue;
      const scoped = base.clone();
      if (after && t.tier === after[0]) scoped.andWhere(`(${t.views}, a.id) < (:__kv, :__ki)`, { __kv: after[1], __ki: after[2] });
      const need = limit + 1 - rows.length;
      let got: { id: string; views: string }[] | null = null;
      // a compound search's title/head tier: the planner expects a handful of matches (the product of the pieces'
      // frequencies) and sorts every match from the GIN bitmap (申请退款: all 1,274 titles); walk the views order first,
      // bounded, and keep the bitmap for when the walk's prefix does not fill the page (then the matches really are rare)
      if (search.compound && t.tier > 0) got = await this.walkPrefix(scoped, t.where, search.params, need);
      got ??= await scoped
        .andWhere(t.where, search.params)
        .select('a.id', 'id')
        .addSelect('a.view_count', 'views')
        .orderBy(t.views, 'DESC')
        .addOrderBy('a.id', 'DESC')
        .limit(need)
        .getRawMany();
      rows.push(...got.map((r) => ({ id: r.id, tier: t.tier, views: Number(r.views) })));
    }
    const hasMore = rows.length > limit;
    const top = rows.slice(0, limit);
    const [byId, count] = await Promise.all([top.length ? this.builder().where('a.id IN (:...ids)', { ids: top.map((r) => r.id) }).getMany() : [], counting]);
    const articles = new Map(byId.map((a) => [a.id, a]));
    const data = top.map((r) => articles.get(r.id)).filter((a): a is KbArticle => !!a);
    const last = top[top.length - 1];
    const nextCursor = hasMore ? Buffer.from(JSON.stringify({ s: RELEVANCE, v: [last.tier, last.views, last.id] })).toString('base64url') : null;
    return { data, snippets: this.snippets(data, search.terms, stems), nextCursor, ...count };
  }

  /**
   * The first `need` matches of a title/head tier among the WALK_PREFIX most viewed articles in scope (the views
   * index, read in order and stopped as soon as the page is full), or null when fewer match there: the first
   * matches of the prefix are the first overall, so a full page is exact.
   */
  private async walkPrefix(scoped: SelectQueryBuilder<KbArticle>, where: string, params: Record<string, unknown>, need: number): Promise<{ id: string; views: string }[] | null> {
    const prefix = scoped
      .clone()
      .select('a.id', 'id')
      .addSelect('a.view_count', 'view_count')
      .addSelect('a.title', 'title')
      .addSelect('a.summary', 'summary')
      .addSelect('a.title_vector', 'title_vector')
      .addSelect('a.head_vector', 'head_vector')
      .orderBy('a.view_count', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(WALK_PREFIX);
    const got: { id: string; views: string }[] = await this.ds
      .createQueryBuilder()
      .select('a.id', 'id')
      .addSelect('a.view_count', 'views')
      .from(`(${prefix.getQuery()})`, 'a')
      .setParameters(prefix.getParameters())
      .where(where, params)
      .orderBy('a.view_count', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(need)
      .getRawMany();
    return got.length === need ? got : null;
  }

  /**
   * `total` of a search without reading every match: the planner's estimate when it expects more than
   * EXACT_COUNT_CAP (the GIN statistics know a word's frequency), else the shared capped count of the index
   * condition; a phrase's `strpos` reads bodies, so it is checked only when the index condition holds at most
   * EXACT_COUNT_CAP rows (beyond that the total is the index condition's estimate, an upper bound).
   */
  private async countSearch(base: SelectQueryBuilder<KbArticle>, search: KbSearchSql): Promise<{ total: number; totalIsEstimate: boolean }> {
    const indexed = base.clone().andWhere(search.indexed, search.params);
    const [sql, params] = indexed.clone().select('1', 'one').orderBy().getQueryAndParameters();
    const [plan]: { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[] = await this.ds.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    const estimate = Math.round(plan['QUERY PLAN'][0].Plan['Plan Rows']);
    if (estimate > EXACT_COUNT_CAP) return { total: estimate, totalIsEstimate: true };
    const rough = await countMatches(indexed);
    if (rough.totalIsEstimate || search.where === search.indexed) return rough;
    return countMatches(base.clone().andWhere(search.where, search.params));
  }

  /**
   * Published articles by relevance to free text (a ticket's subject): any of its words or Chinese pieces
   * may match (OR) the title or summary, ranked by ts_rank over title and summary (title weighs most), then views.
   */
  async suggest(text: string, limit: number, publicOnly = false): Promise<{ article: KbArticle; snippet: string }[]> {
    const p = parseKbQuery(text);
    const parts: string[] = [];
    const params: Record<string, unknown> = {};
    if (p.cjk) {
      parts.push(`:cjk::tsquery`);
      params.cjk = p.cjk.replaceAll(' & ', ' | ');
    }
    if (p.english) {
      parts.push(`to_tsquery('english', :en)`);
      params.en = p.english.replaceAll(' & ', ' | ');
    }
    if (!parts.length) return [];
    const tsq = `(${parts.join(' || ')})`;
    const qb = this.ds
      .getRepository(KbArticle)
      .createQueryBuilder('a')
      .where(`a.status = 'published'`)
      // title and summary (GIN ix_kb_articles_head): a subject's common words would match most bodies
      .andWhere(`a.head_vector @@ ${tsq}`, params)
      // ranked on title + summary (kept in the row), then views: never reads every match's body vector
      .addSelect(`ts_rank(a.head_vector, ${tsq})`, 'kb_rank')
      .orderBy('kb_rank', 'DESC')
      .addOrderBy('a.view_count', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit);
    if (publicOnly) qb.andWhere(`a.visibility = 'public'`);
    const rows = await qb.getMany();
    const stems = await this.stems(text);
    const snippets = this.snippets(rows, p.terms, stems);
    return rows.map((article) => ({ article, snippet: snippets.get(article.id)! }));
  }

  /** English stems of the query's words (PostgreSQL's stemmer), so snippets mark `refunding` for `refunds`; a pure function of the words, kept in a small cache. */
  private async stems(q: string): Promise<string[]> {
    const p = parseKbQuery(q);
    if (!p.english) return [];
    const words = p.english.replaceAll(' & ', ' ');
    const known = STEMS.get(words);
    if (known) return known;
    const [row]: { stems: string[] }[] = await this.ds.query(`SELECT tsvector_to_array(to_tsvector('english', $1)) AS stems`, [words]);
    if (STEMS.size >= 1000) STEMS.delete(STEMS.keys().next().value!);
    STEMS.set(words, row.stems);
    return row.stems;
  }

  private searchSql(q: string): KbSearchSql | null {
    const p = parseKbQuery(q);
    const params: Record<string, unknown> = {};
    const all: string[] = [];
    if (p.cjk) {
      all.push(`:__kc::tsquery`);
      params.__kc = p.cjk;
    }
    if (p.english) {
      all.push(`to_tsquery('english', :__ke)`);
      params.__ke = p.english;
    }
    if (!all.length) return null;
    const phrases = p.phrases.map((ph, i) => ((params[`__kp${i}`] = ph), `:__kp${i}`));
    const within = (text: string) => phrases.map((ph) => ` AND strpos(${text}, ${ph}) > 0`).join('');
    const tsq = `(${all.join(' && ')})`;
    const indexed = `a.search_vector @@ ${tsq}`;
    return {
      where: `${indexed}${within(`a.title || ' ' || coalesce(a.summary, '') || ' ' || a.body`)}`,
      indexed,
      inTitle: `a.title_vector @@ ${tsq}${within('a.title')}`,
      inHead: `a.head_vector @@ ${tsq}${within(`a.title || ' ' || coalesce(a.summary, '')`)}`,
      params,
      terms: p.terms,
      compound: [p.cjk, p.english].flatMap((x) => (x ? x.split(' & ') : [])).length > 1,
    };
  }

  private snippets(rows: KbArticle[], terms: string[], stems: string[]): Map<string, string> {
    const out = new Map<string, string>();
    for (const a of rows) {
      const body = markdownText(a.body);
      const summary = a.summary ?? '';
      const source = [body, summary].find((t) => findHits(t, terms, stems).length) ?? (summary || body);
      out.set(a.id, highlightSnippet(source, terms, stems));
    }
    return out;
  }

  /** One query builder over live articles (helpers for the service). */
  builder(): SelectQueryBuilder<KbArticle> {
    return this.ds.getRepository(KbArticle).createQueryBuilder('a');
  }
}

function decodeRelevanceCursor(cursor: string): [number, number, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s: string; v: unknown[] };
    const [tier, views, id] = parsed.v;
    if (parsed.s !== RELEVANCE || (tier !== 0 && tier !== 1 && tier !== 2) || !Number.isSafeInteger(views) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('bad');
    return [tier, views as number, id];
  } catch {
    throw badRequest('INVALID_CURSOR', 'cursor', 'cursor is invalid or belongs to another sort order');
  }
}
