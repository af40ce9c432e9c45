import { type FileRow, type RowIssueCode, shorten } from './row-reader';

/** What an upload keeps to show: the header row and a few rows, each cell at most `cellChars` long. */
export const PREVIEW = { rows: 5, cellChars: 100 } as const;

/** A row of the preview that will fail as read (a cell too long, a row too large): its file row number (the header is 1). */
export interface PreviewIssue {
  row: number;
  code: RowIssueCode;
  /** The header of the column at fault, when one is. */
  column: string | null;
}

/**
 * Header cells as the mapping names them: shortened like preview cells. The upload and every run
 * read the header through this one function, so a mapping made from the preview matches the file.
 */
export const headerCells = (row: FileRow): string[] => row.cells.map((c) => shorten(c, PREVIEW.cellChars));

/** The stored preview of the first rows read (header first): truncated cells and the issues of its rows. */
export function buildPreview(rows: FileRow[]): { headers: string[]; sampleRows: string[][]; previewIssues: PreviewIssue[] } {
  const headers = headerCells(rows[0]);
  const samples = rows.slice(1, PREVIEW.rows + 1);
  return {
    headers,
    sampleRows: samples.map((r) => r.cells.map((c) => shorten(c, PREVIEW.cellChars))),
    previewIssues: samples.flatMap((r, i) =>
      r.issue ? [{ row: i + 2, code: r.issue.code, column: r.issue.column === undefined ? null : (headers[r.issue.column] ?? null) }] : [],
    ),
  };
}
