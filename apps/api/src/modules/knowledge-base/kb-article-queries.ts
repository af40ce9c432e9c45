import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { badRequest } from '@core/http/domain-error';
import { countMatches, ListSpec, paginate } from '@core/http/keyset';
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
  where: string;
  params: Record<string, unknown>;
  titleHit: string;
  rank: string;
  terms: string[];
}

/**
 * Article lists and search (SQL of the kb_articles table). With `q` and no `sort`, results are ranked:
 * title matches first, then `ts_rank` over title and summary (`head_vector`, kept in the row: ranking
 * thousands of matches never reads the body's vector from TOAST), then views; keyset-paged on
 * (title hit, rank, views, id).
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
    qb.andWhere(search.where, search.params);
    const stems = await this.stems(q);
    if (query.sort) {
      const page = await paginate(qb, { ...query, q: undefined }, spec);
      return { ...page, snippets: this.snippets(page.data, search.terms, stems) };
    }
    return this.ranked(qb, search, stems, query.limit ?? 50, query.cursor);
  }

  /**
   * One statement ranks every match on narrow rows (id, title hit, rank, views: the sort never carries a
   * body) and counts them exactly from the same scan; the page's articles are then read by id. The capped
   * count and its EXPLAIN of the plain lists would read the matches a second time.
   */
  private async ranked(qb: SelectQueryBuilder<KbArticle>, search: KbSearchSql, stems: string[], limit: number, cursor?: string): Promise<KbListPage> {
    const [matchSql, params] = qb
      .clone()
      .select('a.id', 'id')
      .addSelect(search.titleHit, 'hit')
      .addSelect(search.rank, 'rank')
      .addSelect('a.view_count', 'views')
      .orderBy()
      .getQueryAndParameters();
    const values: unknown[] = [...params];
    const arg = (v: unknown) => `$${values.push(v)}`;
    const after = cursor ? decodeRelevanceCursor(cursor) : null;
    const where = after ? `WHERE (m.hit, m.rank, m.views, m.id) < (${arg(after[0])}::int, ${arg(after[1])}::real, ${arg(after[2])}::int, ${arg(after[3])}::uuid)` : '';
    const rows: { id: string; hit: number; rank: number; views: number; total: number }[] = await this.ds.query(
      `WITH m AS MATERIALIZED (${matchSql})
       SELECT m.id, m.hit, m.rank, m.views, (SELECT count(*) FROM m)::int AS total
         FROM m ${where}
        ORDER BY m.hit DESC, m.rank DESC, m.views DESC, m.id DESC
        LIMIT ${arg(limit + 1)}`,
      values,
    );
    const hasMore = rows.length > limit;
    const top = rows.slice(0, limit);
    const byId = new Map((top.length ? await this.builder().where('a.id IN (:...ids)', { ids: top.map((r) => r.id) }).getMany() : []).map((a) => [a.id, a]));
    const data = top.map((r) => byId.get(r.id)).filter((a): a is KbArticle => !!a);
    const last = top[top.length - 1];
    const nextCursor = hasMore ? Buffer.from(JSON.stringify({ s: RELEVANCE, v: [last.hit, last.rank, Number(last.views), last.id] })).toString('base64url') : null;
    // no match on the page (a cursor past the end): count once more without it
    const total = rows[0]?.total ?? (after ? (await countMatches(qb)).total : 0);
    return { data, snippets: this.snippets(data, search.terms, stems), nextCursor, total, totalIsEstimate: false };
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
    const title: string[] = [];
    if (p.cjk) {
      all.push(`:__kc::tsquery`);
      title.push(`:__kct::tsquery`);
      Object.assign(params, { __kc: p.cjk, __kct: p.cjkTitle });
    }
    if (p.english) {
      all.push(`to_tsquery('english', :__ke)`);
      title.push(`to_tsquery('english', :__ket)`);
      Object.assign(params, { __ke: p.english, __ket: p.englishTitle });
    }
    if (!all.length) return null;
    const phrases = p.phrases.map((ph, i) => ((params[`__kp${i}`] = ph), `:__kp${i}`));
    const inText = phrases.map((ph) => `strpos(a.title || ' ' || coalesce(a.summary, '') || ' ' || a.body, ${ph}) > 0`);
    const inTitle = phrases.map((ph) => `strpos(a.title, ${ph}) > 0`);
    const tsq = `(${all.join(' && ')})`;
    return {
      where: [`a.search_vector @@ ${tsq}`, ...inText].join(' AND '),
      params,
      titleHit: `(a.head_vector @@ (${title.join(' && ')})${inTitle.map((c) => ` AND ${c}`).join('')})::int`,
      rank: `ts_rank(a.head_vector, ${tsq})`,
      terms: p.terms,
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

function decodeRelevanceCursor(cursor: string): [number, number, number, string] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s: string; v: unknown[] };
    const [hit, rank, views, id] = parsed.v;
    const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
    if (parsed.s !== RELEVANCE || (hit !== 0 && hit !== 1) || !finite(rank) || !finite(views) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error('bad');
    return [hit, rank, views, id];
  } catch {
    throw badRequest('INVALID_CURSOR', 'cursor', 'cursor is invalid or belongs to another sort order');
  }
}
