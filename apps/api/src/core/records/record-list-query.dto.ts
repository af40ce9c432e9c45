import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ListQueryDto } from '../http/list-query.dto';

/** List parameters of an owned record kind (leads, accounts, contacts...). */
export class RecordListQueryDto extends ListQueryDto {
  /**
   * Free-text search. Names (and a lead's company) match as substrings. Phones and emails, for users
   * without the `viewSensitive` permission, match only as a whole: the whole number (normalized, so
   * `13812345678` and `+86 138 1234 5678` both work), the last four digits (what the mask shows), or the
   * whole email address (any case); never a hidden part. Users with `viewSensitive` match substrings of
   * phones and emails too.
   * @example 张
   */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  override q?: string = undefined;
}
