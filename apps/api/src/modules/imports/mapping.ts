import type { FieldDef } from '@core/http/csv-export';

const norm = (s: string) => s.toLowerCase().replace(/[\s_\-./:：()（）*]+/g, '');

/**
 * Suggests which field each column holds, from its header in Chinese or English: exact key, label or
 * alias first; each field is used once, the first column claiming it wins. Unknown columns map to nothing.
 */
export function suggestMapping(headers: string[], fields: FieldDef<never>[]): Record<string, string> {
  const byName = new Map<string, string>();
  for (const f of fields) {
    for (const name of [f.key, f.zh, f.en, ...(f.aliases ?? [])]) {
      const k = norm(name);
      if (!byName.has(k)) byName.set(k, f.key);
    }
  }
  const used = new Set<string>();
  const mapping: Record<string, string> = {};
  for (const h of headers) {
    const key = byName.get(norm(h));
    if (key && !used.has(key)) {
      mapping[h] = key;
      used.add(key);
    }
  }
  return mapping;
}
