import { LOCALES, type Locale } from '@keyuan/shared';
import { IsIn, IsOptional } from 'class-validator';

/** Options of the `GET /<resource>/export` endpoints; the resource's list filters apply too. */
export class ExportOptionsDto {
  /** `csv` (UTF-8 with BOM) or `xlsx` (an Excel workbook); default CSV, or XLSX when Accept asks only for it. */
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';

  /** Language of the file: headers, option labels, yes/no (default: Accept-Language, else DEFAULT_LOCALE). */
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}
