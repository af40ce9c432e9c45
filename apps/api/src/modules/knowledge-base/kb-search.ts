import { cjkBigrams } from '@core/http/keyset';

/**
 * The knowledge base's search query, built from `q` for the `search_vector` column (see migration
 * 1765000000000): each Chinese run becomes its 2-character pieces (one piece: a prefix match), each
 * other word goes through PostgreSQL's English stemmer (`to_tsquery('english', …)`), all ANDed. The
 * `:A` variants match the title only (ranking: title matches first).
 */
export interface KbSearchQuery {
  /** tsquery text of the Chinese pieces, e.g. `'申请' & '请退' & '退款'`; null without Chinese. */
  cjk: string | null;
  cjkTitle: string | null;
  /** Input of `to_tsquery('english', …)`, e.g. `refunds & invoice`; null without other words. */
  english: string | null;
  englishTitle: string | null;
  /** Chinese runs of 3+ characters: their pieces may match apart, so the text must hold each run itself. */
  phrases: string[];
  /** What the snippet marks: the Chinese runs and the words as typed (stems are added by the service). */
  terms: string[];
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const WORD = /[\p{L}\p{N}]+/gu;

export function parseKbQuery(q: string): KbSearchQuery {
  const runs = [...new Set(q.match(CJK) ?? [])];
  const rest = q.replace(CJK, ' ');
  const words = [...new Set((rest.match(WORD) ?? []).map((w) => w.toLowerCase()))].slice(0, 10);
  const lexemes = runs.flatMap((r) => (r.length === 1 ? [`'${r}':*`] : cjkBigrams(r).map((b) => `'${b}'`)));
  const uniq = [...new Set(lexemes)];
  const titled = (l: string) => (l.endsWith(':*') ? `${l}A` : `${l}:A`);
  return {
    cjk: uniq.length ? uniq.join(' & ') : null,
    cjkTitle: uniq.length ? uniq.map(titled).join(' & ') : null,
    english: words.length ? words.join(' & ') : null,
    englishTitle: words.length ? words.map((w) => `${w}:A`).join(' & ') : null,
    phrases: runs.filter((r) => r.length >= 3),
    terms: [...runs, ...words],
  };
}

/** Markdown reduced to its text for snippets: no markup, link targets or code fences. */
export function markdownText(md: string): string {
  return md
    .replace(/^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$/gm, ' ')
    .replace(/```[^\n]*\n?/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~|]+/g, ' ')
    .replace(/^\s*-{3,}\s*$/gm, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * Where a term hits in `text`: Chinese runs literally; a word when a word of the text starts with it or
 * with one of its stems (`refund` marks refunds, refunding). Returns [start, end) ranges, merged.
 */
export function findHits(text: string, terms: string[], stems: string[] = []): [number, number][] {
  const hits: [number, number][] = [];
  const lower = text.toLowerCase();
  const prefixes = [...new Set([...terms.filter((t) => !/[\u3400-\u9fff\uf900-\ufaff]/.test(t)), ...stems].map((s) => s.toLowerCase()).filter(Boolean))];
  for (const t of terms.filter((x) => /[\u3400-\u9fff\uf900-\ufaff]/.test(x))) {
    for (let i = lower.indexOf(t); i >= 0; i = lower.indexOf(t, i + t.length)) hits.push([i, i + t.length]);
  }
  if (prefixes.length) {
    for (const m of lower.matchAll(WORD)) {
      if (prefixes.some((p) => m[0].startsWith(p) || (p.endsWith('i') && m[0].startsWith(`${p.slice(0, -1)}y`)))) hits.push([m.index, m.index + m[0].length]);
    }
  }
  hits.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const h of hits) {
    const last = merged[merged.length - 1];
    if (last && h[0] <= last[1]) last[1] = Math.max(last[1], h[1]);
    else merged.push([...h]);
  }
  return merged;
}

/**
 * A highlighted excerpt: HTML-escaped text around the first hit with `<mark>` around every hit in it.
 * Only `<mark>` is markup, so clients may render it as HTML. Without a hit, the text's beginning.
 */
export function highlightSnippet(text: string, terms: string[], stems: string[] = [], size = 160): string {
  const hits = findHits(text, terms, stems);
  const first = hits[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(size / 4));
  // do not cut an English word in two
  while (start > 0 && start > first - size / 2 && /[\p{L}\p{N}]/u.test(text[start - 1])) start--;
  const end = Math.min(text.length, start + size);
  let out = start > 0 ? '…' : '';
  let pos = start;
  for (const [a, b] of hits) {
    if (b <= start || a >= end) continue;
    const s = Math.max(a, start);
    const e = Math.min(b, end);
    out += escapeHtml(text.slice(pos, s)) + '<mark>' + escapeHtml(text.slice(s, e)) + '</mark>';
    pos = e;
  }
  out += escapeHtml(text.slice(pos, end)) + (end < text.length ? '…' : '');
  return out;
}
