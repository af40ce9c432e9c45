import { describe, expect, it } from 'vitest';
import { exportFileName, toCsv } from '@/lib/csv';

describe('toCsv', () => {
  it('quotes commas, quotes and newlines, starts with a BOM and uses CRLF', () => {
    const csv = toCsv(['名称', 'Note'], [['客户, 北京', 'say "hi"\nbye'], ['plain', null]]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1)).toBe('名称,Note\r\n"客户, 北京","say ""hi""\nbye"\r\nplain,\r\n');
  });

  it('defuses spreadsheet formulas in text cells', () => {
    expect(toCsv(['a'], [['=HYPERLINK("x")'], [-5]]).slice(1)).toBe('a\r\n"\'=HYPERLINK(""x"")"\r\n-5\r\n');
  });

  it('names the file after the resource and the day', () => {
    expect(exportFileName('users', new Date('2026-11-22T10:00:00Z'))).toBe('users-2026-11-22.csv');
  });
});
