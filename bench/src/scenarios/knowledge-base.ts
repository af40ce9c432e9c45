import { apiPath, read, Scenario } from './types';

/**
 * Knowledge base search (issue 15): ranked full-text search (title matches first, ts_rank, snippets) by a
 * 2-character Chinese word, a 4-character phrase and an English word; first page of 20 as the search page asks.
 * The target: p95 under 100 ms at 8 connections (`BENCH_CONNECTIONS=8 BENCH_ONLY=kb:`).
 */
const search = (label: string, q: string): Scenario =>
  read(
    `kb: search ${label}, ranked, first page of 20`,
    async (ctx) => {
      const { rows } = await ctx.db.query<{ n: string }>(`SELECT count(*)::text AS n FROM information_schema.tables WHERE table_name = 'kb_articles'`);
      if (rows[0].n === '0') return 'the knowledge base tables do not exist yet';
      return [{ path: apiPath('/kb/articles', { q, limit: 20 }) }];
    },
    ['rep'],
  );

export const knowledgeBaseScenarios: Scenario[] = [
  search('a 2-character Chinese word (退款)', '退款'),
  search('a 4-character Chinese phrase (申请退款)', '申请退款'),
  search('an English word (refunds)', 'refunds'),
  read(
    'kb: help center search (public, no login) by 发票',
    async () => [{ path: apiPath('/public/kb/articles', { q: '发票', limit: 20 }) }],
    ['rep'],
  ),
];
