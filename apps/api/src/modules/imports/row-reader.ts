import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Readable } from 'node:stream';

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
 * Rows of the file as arrays of trimmed strings without NUL characters; a file that cannot be parsed
 * throws a FileReadError. See readRawRows.
 */
export async function* readRows(stream: Readable, format: FileFormat, encoding: FileEncoding): AsyncGenerator<string[]> {
  try {
    for await (const values of readRawRows(stream, format, encoding)) yield values.map(clean);
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
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
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
  const parser = source.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }));
  for await (const record of parser) yield record as string[];
}
