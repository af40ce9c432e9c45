import type { Request, Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import { once } from 'node:events';
import { currentLocale, currentTimeZone } from '../context/request-context';
import { isLocale, type Locale } from '../i18n/locale';
import { exportValue, type FieldDef, localDateTime } from './export-cells';
import { streamXlsx, XLSX_TYPE } from './xlsx-export';

export type { FieldDef } from './export-cells';

export type CsvLocale = Locale;
export type ExportFormat = 'csv' | 'xlsx';

/**
 * The language of an exported file: `lang` when given, else the request's (Accept-Language, else
 * DEFAULT_LOCALE). `acceptLanguage` is read by the request context already; kept for the callers' signature.
 */
export function csvLocale(lang: string | undefined, _acceptLanguage?: string): CsvLocale {
  return isLocale(lang) ? lang : currentLocale();
}

/** `format=xlsx`, or an Accept naming only the XLSX type, asks for a workbook; anything else is CSV. */
export function exportFormat(format: unknown, req: Request | undefined): ExportFormat {
  if (format === 'xlsx' || format === 'csv') return format;
  const accept = req?.headers.accept ?? '';
  return accept.includes(XLSX_TYPE) && !accept.includes('text/csv') ? 'xlsx' : 'csv';
}

function cell(v: unknown, timeZone: string): unknown {
  if (v instanceof Date) return localDateTime(v, timeZone);
  return v;
}

/** csv-stringify options of every CSV the API writes: cells starting with = + - @ tab or CR are quoted with a leading ' (no formulas in Excel). */
export const CSV_OPTIONS = { escape_formulas: true } as const;

type NextPage<T> = (cursor: string | undefined) => Promise<{ data: T[]; nextCursor: string | null }>;

/**
 * Streams every page of a keyset listing as CSV (UTF-8 with BOM, so Excel shows Chinese correctly),
 * waiting for the socket to drain between pages: memory stays flat whatever the row count. Headers,
 * option labels and yes/no are in the file's language, times local to TZ_BUSINESS. The first
 * page is fetched before anything is written, so a bad query is an ordinary problem+json answer; a
 * page failing later cuts the connection (the client sees an incomplete download, not a short file).
 */
export async function streamCsv<T>(res: Response, filename: string, fields: FieldDef<T>[], locale: CsvLocale, nextPage: NextPage<T>): Promise<void> {
  const timeZone = currentTimeZone();
  let page = await nextPage(undefined);
  res.status(200);
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  res.setHeader('Cache-Control', 'no-store');
  res.write('\uFEFF');
  res.write(stringify([fields.map((f) => (locale === 'zh-CN' ? f.zh : f.en))], CSV_OPTIONS));
  for (;;) {
    const chunk = stringify(
      page.data.map((row) => fields.map((f) => cell(exportValue(f, row, locale), timeZone))),
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

/** A list export in the asked format (`<name>-<date>.csv|.xlsx`): the one entry point of every list's download. */
export function streamExport<T>(
  res: Response,
  name: string,
  format: ExportFormat,
  fields: FieldDef<T>[],
  locale: Locale,
  nextPage: NextPage<T>,
): Promise<void> {
  const file = `${name}-${new Date().toISOString().slice(0, 10)}.${format}`;
  return format === 'xlsx'
    ? streamXlsx(res, file, fields, locale, currentTimeZone(), nextPage)
    : streamCsv(res, file, fields, locale, nextPage);
}
