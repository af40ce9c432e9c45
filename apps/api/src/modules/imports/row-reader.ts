import { parse } from 'csv-parse';
import { lazyModule } from '@core/lazy/lazy-module';
import iconv from 'iconv-lite';
import type { Readable } from 'node:stream';

const excel = lazyModule<typeof import('exceljs')>('exceljs');

export type FileFormat = 'csv' | 'xlsx';
export type FileEncoding = 'utf8' | 'gbk';

/** XLSX files are zip archives; everything else is read as CSV. */
export function detectFormat(head: Buffer, fileName: string): FileFormat {
  if (head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx';
  return /\.xlsx$/i.test(fileName) ? 'xlsx' : 'csv';
}

/** UTF-8 when the start decodes as UTF-8 (or has a BOM), else GBK — what Excel in China saves by default. */
export function detectEncoding(head: Buffer): FileEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf8';
  } catch {
    return 'gbk';
  }
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[]; hyperlink?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return cellText(o.result);
    if (o.hyperlink) return o.hyperlink;
    return '';
  }
  return String(v);
}

/** The file cannot be parsed (a broken quote in a CSV, a damaged XLSX); the message says why, for people. */
export class FileReadError extends Error {}

/** NUL characters cannot be stored by PostgreSQL (text or jsonb): they are dropped. */
const clean = (v: string) => (v.includes('\u0000') ? v.replaceAll('\u0000', '') : v);

/**
 * How much of a file is read. A cell longer than `cellChars` (the longest field, notes, takes 5,000) or a
 * row wider than `columns` or longer than `rowChars` in all is cut there and fails as a row (a per-row
 * error with the code below); a CSV record beyond `csvRecordChars` makes the file unreadable, so one
 * line cannot hold the server's memory.
 */
export const READ_LIMITS = { cellChars: 5000, columns: 200, rowChars: 50_000, csvRecordChars: 1_000_000 } as const;

export const ROW_ISSUE_CODES = ['IMPORT_CELL_TOO_LONG', 'IMPORT_ROW_TOO_LARGE', 'IMPORT_TOO_MANY_COLUMNS'] as const;
export type RowIssueCode = (typeof ROW_ISSUE_CODES)[number];

/** Why a row cannot be imported as read: its code (rendered by the SPA), the column (0-based) and a sentence. */
export interface RowIssue {
  code: RowIssueCode;
  column?: number;
  message: string;
}

/** A row as read: its cells (trimmed, without NUL, cut to the limits) and what was cut, if anything. */
export interface FileRow {
  cells: string[];
  issue?: RowIssue;
}

/** Applies READ_LIMITS to one row of raw cells. */
export function capRow(values: string[]): FileRow {
  let issue: RowIssue | undefined;
  const kept = values.length > READ_LIMITS.columns ? values.slice(0, READ_LIMITS.columns) : values;
  if (kept !== values) {
    issue = { code: 'IMPORT_TOO_MANY_COLUMNS', message: `The row has ${values.length} columns; at most ${READ_LIMITS.columns} are read` };
  }
  let total = 0;
  const cells = kept.map((raw, column) => {
    const v = clean(raw);
    if (v.length <= READ_LIMITS.cellChars) {
      total += v.length;
      return v;
    }
    issue ??= { code: 'IMPORT_CELL_TOO_LONG', column, message: `Column ${column + 1} has ${v.length} characters; at most ${READ_LIMITS.cellChars} are allowed` };
    total += READ_LIMITS.cellChars;
    return v.slice(0, READ_LIMITS.cellChars);
  });
  if (!issue && total > READ_LIMITS.rowChars) {
    issue = { code: 'IMPORT_ROW_TOO_LARGE', message: `The row has ${total} characters; at most ${READ_LIMITS.rowChars} are allowed` };
  }
  return issue ? { cells, issue } : { cells };
}

/** A cell shortened for display (previews, error reports of rows cut at read time). */
export function shorten(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/**
 * Rows of the file, capped to READ_LIMITS (see capRow); a file that cannot be parsed throws a
 * FileReadError. See readRawRows.
 */
export async function* readRows(stream: Readable, format: FileFormat, encoding: FileEncoding): AsyncGenerator<FileRow> {
  try {
    for await (const values of readRawRows(stream, format, encoding)) yield capRow(values);
  } catch (e) {
    // csv-parse names the line in its message
    const reason = e instanceof Error ? e.message : String(e);
    throw new FileReadError(`The file could not be read (${format === 'xlsx' ? 'damaged XLSX file' : 'invalid CSV'}): ${reason.slice(0, 300)}`);
  } finally {
    stream.destroy();
  }
}

/**
 * Rows of the file as arrays of trimmed strings, streamed: a CSV through iconv (GBK) and csv-parse,
 * an XLSX (first sheet) through ExcelJS's streaming reader. Row 1 is the header.
 */
async function* readRawRows(stream: Readable, format: FileFormat, encoding: FileEncoding): AsyncGenerator<string[]> {
  if (format === 'xlsx') {
    const reader = new (excel().stream.xlsx.WorkbookReader)(stream, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      hyperlinks: 'ignore',
      styles: 'ignore',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<{ values: unknown[] }>) {
        const values = (row.values as unknown[]).slice(1).map((v) => cellText(v).trim());
        if (values.some((v) => v !== '')) yield values;
      }
      return; // first sheet only
    }
    return;
  }
  const source = encoding === 'gbk' ? stream.pipe(iconv.decodeStream('gbk')) : stream;
  const parser = source.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true, max_record_size: READ_LIMITS.csvRecordChars }));
  for await (const record of parser) yield record as string[];
}
