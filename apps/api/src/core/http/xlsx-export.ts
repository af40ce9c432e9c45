import { lazyModule } from '../lazy/lazy-module';

const excel = lazyModule<typeof import('exceljs')>('exceljs');
import type { Response } from 'express';
import { once } from 'node:events';
import type { Locale } from '../i18n/locale';
import { lookup } from '../i18n/translate';
import { exportValue, type FieldDef, wallClock } from './export-cells';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type NextPage<T> = (cursor: string | undefined) => Promise<{ data: T[]; nextCursor: string | null }>;

/**
 * Streams every page of a keyset listing as an XLSX workbook (ExcelJS's streaming writer: rows are
 * zipped and sent as they are committed, so memory stays flat). Headers and option labels are in the
 * file's language; times are date cells showing the wall-clock time in `timeZone`; phones and ids are
 * text cells (no `'+86` workaround, no scientific notation). Like the CSV export, the first page is read
 * before anything is sent, and a later failure cuts the connection.
 */
export async function streamXlsx<T>(
  res: Response,
  filename: string,
  fields: FieldDef<T>[],
  locale: Locale,
  timeZone: string,
  nextPage: NextPage<T>,
): Promise<void> {
  let page = await nextPage(undefined);
  res.status(200);
  res.setHeader('Content-Type', XLSX_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  res.setHeader('Cache-Control', 'no-store');
  const book = new (excel().stream.xlsx.WorkbookWriter)({ stream: res, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet(lookup(locale, 'files', 'sheet') ?? 'Data', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = fields.map((f) => ({
    header: locale === 'zh-CN' ? f.zh : f.en,
    key: f.key,
    width: Math.max(10, Math.min(40, (locale === 'zh-CN' ? f.zh.length * 2 : f.en.length) + 4)),
    style: f.text ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for (;;) {
    for (const row of page.data) {
      const values = fields.map((f) => {
        const v = exportValue(f, row, locale);
        return v instanceof Date ? wallClock(v, timeZone) : f.text && v !== '' ? String(v) : v;
      });
      const added = sheet.addRow(values);
      fields.forEach((f, i) => {
        if (values[i] instanceof Date) added.getCell(i + 1).numFmt = 'yyyy-mm-dd hh:mm:ss';
      });
      added.commit();
    }
    if (res.destroyed) return;
    if (res.writableNeedDrain) await once(res, 'drain');
    const cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
    try {
      page = await nextPage(cursor);
    } catch (e) {
      res.destroy(e instanceof Error ? e : new Error(String(e)));
      throw e;
    }
  }
  sheet.commit();
  await book.commit();
}
