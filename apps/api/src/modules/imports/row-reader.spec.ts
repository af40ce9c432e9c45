import { buildPreview } from './import-preview';
import { capRow, READ_LIMITS } from './row-reader';

describe('capRow', () => {
  const long = 'x'.repeat(READ_LIMITS.cellChars + 1);
  it.each([
    ['a plain row', ['张三', '13800000001'], undefined],
    ['a cell at the limit', ['x'.repeat(READ_LIMITS.cellChars)], undefined],
    ['a cell over the limit', ['张三', long], { code: 'IMPORT_CELL_TOO_LONG', column: 1 }],
    ['too many columns', Array.from({ length: READ_LIMITS.columns + 1 }, () => 'c'), { code: 'IMPORT_TOO_MANY_COLUMNS' }],
    ['too many characters in all', Array.from({ length: 11 }, () => 'y'.repeat(5000)), { code: 'IMPORT_ROW_TOO_LARGE' }],
  ])('%s', (_name, values, issue) => {
    const row = capRow(values);
    expect(row.issue).toEqual(issue ? expect.objectContaining(issue) : undefined);
    expect(row.cells.length).toBeLessThanOrEqual(READ_LIMITS.columns);
    expect(Math.max(...row.cells.map((c) => c.length))).toBeLessThanOrEqual(READ_LIMITS.cellChars);
  });

  it('drops NUL characters', () => {
    expect(capRow(['N\u0000UL']).cells).toEqual(['NUL']);
  });
});

describe('buildPreview', () => {
  it('cuts header names and cells to 100 characters and lists the failing preview rows by file row', () => {
    const header = capRow(['姓名', 'h'.repeat(150)]);
    const preview = buildPreview([header, capRow(['a', 'b'.repeat(300)]), capRow(['c', 'x'.repeat(6000)])]);
    expect(preview.headers).toEqual(['姓名', `${'h'.repeat(99)}…`]);
    expect(preview.sampleRows.map((r) => r[1].length)).toEqual([100, 100]);
    expect(preview.previewIssues).toEqual([{ row: 3, code: 'IMPORT_CELL_TOO_LONG', column: `${'h'.repeat(99)}…` }]);
  });
});
