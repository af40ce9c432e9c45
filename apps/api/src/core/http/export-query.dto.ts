import { LOCALES, type Locale } from '@keyuan/shared';
import { IsIn, IsOptional } from 'class-validator';

/** Options of the `GET /<resource>/export` endpoints; the resource's list filters apply too. */
export class ExportOptionsDto {
  /** Only CSV for now. */
  @IsOptional()
  @IsIn(['csv'])
  format?: 'csv';

  /** Language of the header row (default: Accept-Language, else English). */
  @IsOptional()
  @IsIn(LOCALES)
  lang?: Locale;
}
