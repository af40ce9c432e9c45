import { cjkBigrams } from '@core/http/keyset';

/** Tags as stored: trimmed, at most 40 characters each, without empties and duplicates (case-insensitive), at most 20. */
export function cleanTags(tags: string[] | undefined): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of tags ?? []) {
    const v = t.trim().replace(/\s+/g, ' ').slice(0, 40).trim();
    if (!v || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    out.push(v);
  }
  return out.slice(0, 20);
}

/**
 * The search columns of an item: `searchText` (lower-cased name and tags, trigram-indexed: `q` of 3+
 * characters and every Latin word) and `searchBigrams` (the 2-character pieces of its Chinese, GIN-indexed:
 * a 2-character Chinese `q` such as 合同 is one piece, which trigrams cannot serve).
 */
export function searchColumns(name: string, tags: string[]): { searchText: string; searchBigrams: string[] } {
  const text = [name, ...tags].join(' ');
  return { searchText: text.toLowerCase(), searchBigrams: cjkBigrams([name, ...tags].join('\n')) };
}
