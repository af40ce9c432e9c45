import type { Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { once } from 'node:events';

/** A column of an export or import: its API key and its header in both languages. */
export interface FieldDef<T = never> {
  key: string;
  zh: string;
  en: string;
  /** Other headers recognised when suggesting an import mapping. */
  aliases?: string[];
  /** The exported value (defaults to the row's `key`). */
  value?: (row: T) => unknown;
}

export type CsvLocale = 'zh-CN' | 'en-US';

/** zh-CN when asked for (`lang` or Accept-Language), else en-US. */
export function csvLocale(lang: string | undefined, acceptLanguage: string | undefined): CsvLocale {
  const l = (lang ?? acceptLanguage ?? '').toLowerCase();
  return l.startsWith('zh') ? 'zh-CN' : 'en-US';
}

function cell(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.join(';');
  return v ?? '';
}

/** csv-stringify options of every CSV the API writes: cells starting with = + - @ tab or CR are quoted with a leading ' (no formulas in Excel). */
export const CSV_OPTIONS = { escape_formulas: true } as const;

/**
 * Streams every page of a keyset listing as CSV (UTF-8 with BOM, so Excel shows Chinese correctly),
 * waiting for the socket to drain between pages: memory stays flat whatever the row count. The first
 * page is fetched before anything is written, so a bad query is an ordinary problem+json answer; a
 * page failing later cuts the connection (the client sees an incomplete download, not a short file).
 */
export async function streamCsv<T>(
  res: Response,
  filename: string,
  fields: FieldDef<T>[],
  locale: CsvLocale,
  nextPage: (cursor: string | undefined) => Promise<{ data: T[]; nextCursor: string | null }>,
): Promise<void> {
  let page = await nextPage(undefined);
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  res.setHeader('Cache-Control', 'no-store');
  res.write('\uFEFF');
  res.write(stringify([fields.map((f) => (locale === 'zh-CN' ? f.zh : f.en))], CSV_OPTIONS));
  for (;;) {
    const chunk = stringify(
      page.data.map((row) => fields.map((f) => cell(f.value ? f.value(row) : (row as Record<string, unknown>)[f.key]))),
      CSV_OPTIONS,
    );
    if (!res.write(chunk)) await once(res, 'drain');
    if (res.destroyed) return;
    const cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
    try {
      page = await nextPage(cursor);
    } catch (e) {
      res.destroy(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
  }
  res.end();
}
