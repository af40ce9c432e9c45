import { ref } from 'vue';
import { ApiError, apiFetch } from '@/api/client';
import type { ListQuery } from '@/api/types';
import type { RecordColumn } from '@/components/record-table';
import { type CsvCell, downloadBlob, exportFileName, toCsv } from '@/lib/csv';
import { dayRanges } from '@/lib/dates';
import type { ListLoader } from './useRecordList';

/** Export paths that answered "no such endpoint": build those CSVs in the browser from now on. */
const serverless = new Set<string>();
const NO_ENDPOINT = [400, 404, 405, 501];
const PAGE = 200;

export function cellValue<T>(column: RecordColumn<T>, row: T): CsvCell {
  if (column.csv) return column.csv(row);
  if (column.format) return column.format(row);
  const raw = (row as Record<string, unknown>)[column.key];
  if (Array.isArray(raw)) return raw.join('; ');
  return raw as CsvCell;
}

export interface CsvExportOptions<T> {
  resource: string;
  /** Server endpoint, e.g. /api/v1/users/export; false to always build the CSV here. */
  exportPath: string | false;
  query: ListQuery;
  load: ListLoader<T>;
  columns: readonly RecordColumn<T>[];
  label: (column: RecordColumn<T>) => string;
  /** Stop the browser-side export after this many rows. */
  maxRows?: number;
  /** Language of the server's file: headers, option labels (zh-CN, en-US). */
  lang?: string;
  /** `xlsx` asks the server for an Excel workbook (phones as text, local times as date cells); without a server export it falls back to CSV. */
  format?: ExportFormat;
}

export type ExportFormat = 'csv' | 'xlsx';
const ACCEPT: Record<ExportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** `?format=csv|xlsx&lang=..&<filters>` for a server export: the list's filters, day ranges as instants. */
export function exportParams(query: ListQuery, lang?: string, format: ExportFormat = 'csv'): URLSearchParams {
  const ranges = [...new Set(Object.keys(query).map((k) => /^(.+)(From|To)$/.exec(k)?.[1]).filter((k): k is string => !!k))];
  const params = new URLSearchParams({ format });
  if (lang) params.set('lang', lang);
  for (const [k, v] of Object.entries(dayRanges(query, ranges))) {
    if (v !== undefined && v !== null && v !== '' && k !== 'limit' && k !== 'cursor') params.set(k, String(v));
  }
  return params;
}

/** The file name the server chose (Content-Disposition), if any. */
export function dispositionName(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="?([^";]+)"?/i.exec(header)?.[1] ?? null;
}

/**
 * CSV of the current filter: the server's `/export?format=csv` when it has one, otherwise every
 * page fetched through the list endpoint and written here. `progress` counts fetched rows.
 */
export function useCsvExport() {
  const exporting = ref(false);
  const progress = ref(0);

  async function fromServer(path: string, query: ListQuery, lang?: string, format: ExportFormat = 'csv'): Promise<{ blob: Blob; name: string | null } | null> {
    if (serverless.has(path)) return null;
    try {
      const response = await apiFetch(`${path}?${exportParams(query, lang, format)}`, { headers: { Accept: ACCEPT[format] } });
      return { blob: await response.blob(), name: dispositionName(response.headers.get('Content-Disposition')) };
    } catch (err) {
      if (err instanceof ApiError && NO_ENDPOINT.includes(err.status)) {
        serverless.add(path);
        return null;
      }
      throw err;
    }
  }

  async function inBrowser<T>(options: CsvExportOptions<T>): Promise<Blob> {
    const rows: T[] = [];
    const max = options.maxRows ?? 10000;
    let cursor: string | undefined;
    do {
      const page = await options.load({ ...options.query, limit: PAGE, cursor });
      rows.push(...page.data);
      progress.value = rows.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor && rows.length < max);
    const header = options.columns.map(options.label);
    const body = rows.slice(0, max).map((row) => options.columns.map((c) => cellValue(c, row)));
    return new Blob([toCsv(header, body)], { type: 'text/csv;charset=utf-8' });
  }

  async function exportCsv<T>(options: CsvExportOptions<T>): Promise<void> {
    exporting.value = true;
    progress.value = 0;
    try {
      const served = options.exportPath ? await fromServer(options.exportPath, options.query, options.lang, options.format) : null;
      const blob = served?.blob ?? (await inBrowser(options));
      downloadBlob(blob, served?.name ?? exportFileName(options.resource));
    } finally {
      exporting.value = false;
    }
  }

  return { exporting, progress, exportCsv };
}
